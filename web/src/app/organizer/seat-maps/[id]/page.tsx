import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { Forbidden, isOrganizer, LoadFailed } from "@/components/organizer/flights/page-guards";
import { SeatMapEditor } from "@/components/organizer/seat-maps/SeatMapEditor";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One seat map: redrawn while no session sells it, read-only after. `?event=` is the listing come from. */
export default async function SeatMapPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ event?: string | string[] }>;
}) {
  const { id } = await params;
  const { event } = await searchParams;
  const eventId = typeof event === "string" && UUID.test(event) ? event : null;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/organizer/seat-maps/${id}${eventId ? `?event=${eventId}` : ""}`)}`);
  if (!isOrganizer(user)) return <Forbidden />;
  if (!UUID.test(id)) notFound();
  const t = await getTranslations();

  const api = await serverApi();
  const loaded = await api.GET("/api/v1/seat-maps/{seat_map_id}", { params: { path: { seat_map_id: id } } }).catch(() => null);
  if (!loaded) return <LoadFailed href="/organizer" back={t("org.editor.back")} />;
  if (loaded.response.status === 404) notFound();
  if (loaded.response.status === 403) return <Forbidden />;
  const map = loaded.data;
  if (!map) return <LoadFailed href="/organizer" back={t("org.editor.back")} />;

  return (
    <section className="space-y-6">
      <Link href={`/organizer/venues/${map.venue_id}/seat-maps${eventId ? `?event=${eventId}` : ""}`} className="text-sm text-blue-800 underline">
        {t("seatMaps.list.backToMaps")}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold break-words">{map.name}</h1>
        <p className="text-sm text-slate-600" data-testid="seat-map-version">
          {t("seatMaps.list.details", { seats: String(map.seat_count), version: String(map.version) })}
        </p>
      </div>
      <SeatMapEditor venueId={map.venue_id} eventId={eventId} existing={map} />
    </section>
  );
}
