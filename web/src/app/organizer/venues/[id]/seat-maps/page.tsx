import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { Forbidden, isOrganizer, LoadFailed } from "@/components/organizer/flights/page-guards";
import { SeatMapEditor } from "@/components/organizer/seat-maps/SeatMapEditor";
import { SeatMapList } from "@/components/organizer/seat-maps/SeatMapList";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A venue's seat maps, and drawing a new one. `?event=` is the listing the organizer came from. */
export default async function VenueSeatMapsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ event?: string | string[] }>;
}) {
  const { id } = await params;
  const { event } = await searchParams;
  const eventId = typeof event === "string" && UUID.test(event) ? event : null;
  const here = `/organizer/venues/${id}/seat-maps${eventId ? `?event=${eventId}` : ""}`;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(here)}`);
  if (!isOrganizer(user)) return <Forbidden />;
  if (!UUID.test(id)) notFound();
  const t = await getTranslations();
  const back = eventId ? `/organizer/events/${eventId}` : "/organizer";
  const backLabel = eventId ? t("seatMaps.list.back") : t("org.editor.back");

  const api = await serverApi();
  const [loaded, listing] = await Promise.all([
    api.GET("/api/v1/venues/{venue_id}/seat-maps", { params: { path: { venue_id: id } } }).catch(() => null),
    eventId
      ? api
          .GET("/api/v1/events/{event_id}", { params: { path: { event_id: eventId } } })
          .then(({ data }) => data ?? null)
          .catch(() => null)
      : Promise.resolve(null),
  ]);
  if (!loaded) return <LoadFailed href={back} back={backLabel} />;
  if (loaded.response.status === 404) notFound();
  if (loaded.response.status === 403) return <Forbidden />;
  if (!loaded.data) return <LoadFailed href={back} back={backLabel} />;
  const venue = listing?.venue?.id === id ? listing.venue : null;

  return (
    <section className="space-y-6">
      <Link href={back} className="text-sm text-blue-800 underline">
        {backLabel}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("seatMaps.list.title")}</h1>
        {venue && <p className="text-slate-700">{t("seatMaps.list.venue", { venue: `${venue.name}, ${venue.city}` })}</p>}
        <p className="text-sm text-slate-600">{t("seatMaps.list.intro")}</p>
      </div>
      <SeatMapList maps={loaded.data} eventId={eventId} />
      <SeatMapEditor venueId={id} eventId={eventId} existing={null} />
    </section>
  );
}
