import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import {
  ListingEditor,
  type AvailabilityMap,
  type EventSales,
  type SeatMapSummary,
} from "@/components/organizer/listing-editor/ListingEditor";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ListingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/organizer/events/${id}`)}`);
  const t = await getTranslations();

  if (user.role !== "organizer" && user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("org.forbidden.body")}</p>
      </section>
    );
  }
  if (!UUID.test(id)) notFound();

  const api = await serverApi();
  const loaded = await api
    .GET("/api/v1/events/{event_id}", { params: { path: { event_id: id } } })
    .catch(() => null);
  if (!loaded) return <LoadFailed message={t("org.loadFailed")} back={t("org.editor.back")} />;
  const event = loaded.data;
  if (!event) {
    if (loaded.response.status === 404) notFound();
    if (loaded.response.status === 403) {
      return (
        <section className="py-12 text-center">
          <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
          <p className="mt-2 text-slate-700">{t("org.error.forbidden")}</p>
        </section>
      );
    }
    return <LoadFailed message={t("org.loadFailed")} back={t("org.editor.back")} />;
  }
  // A listing is edited by its organizer (or an admin); the public page is for everyone else.
  if (user.role !== "admin" && event.organizer.id !== user.id) notFound();

  // Seats and sales are extras: when either cannot be loaded the editor shows dashes instead of figures.
  const loadSales = async (): Promise<EventSales | null> => {
    try {
      const { data } = await api.GET("/api/v1/events/{event_id}/sales", { params: { path: { event_id: id } } });
      return data ?? null;
    } catch {
      return null;
    }
  };
  // The venue's seat maps a new session may sell (none to offer when they cannot be loaded).
  const loadSeatMaps = async (venueId: string): Promise<SeatMapSummary[]> => {
    try {
      const { data } = await api.GET("/api/v1/venues/{venue_id}/seat-maps", { params: { path: { venue_id: venueId } } });
      return data ?? [];
    } catch {
      return [];
    }
  };
  const [entries, sales, seatMaps] = await Promise.all([
    Promise.all(
      event.sessions.map(async (session) => {
        try {
          const { data } = await api.GET("/api/v1/sessions/{session_id}/availability", {
            params: { path: { session_id: session.id } },
          });
          return [session.id, data ?? null] as const;
        } catch {
          return [session.id, null] as const;
        }
      }),
    ),
    loadSales(),
    event.venue ? loadSeatMaps(event.venue.id) : Promise.resolve([]),
  ]);
  const availability: AvailabilityMap = Object.fromEntries(entries);

  return <ListingEditor event={event} availability={availability} sales={sales} seatMaps={seatMaps} />;
}

function LoadFailed({ message, back }: { message: string; back: string }) {
  return (
    <section className="space-y-4 py-8">
      <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
        {message}
      </p>
      <Link href="/organizer" className="text-blue-800 underline">
        {back}
      </Link>
    </section>
  );
}
