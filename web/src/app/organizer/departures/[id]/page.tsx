import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { CheckIn } from "@/components/organizer/CheckIn";
import { DepartureChanges } from "@/components/organizer/departures/DepartureChanges";
import { DepartureOverview } from "@/components/organizer/departures/DepartureOverview";
import { ManifestSection } from "@/components/organizer/departures/ManifestSection";
import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { Forbidden, isOrganizer, LoadFailed } from "@/components/organizer/flights/page-guards";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One departure for its carrier: occupancy, manifest (masked), changes and boarding. */
export default async function DeparturePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/organizer/departures/${id}`)}`);
  if (!isOrganizer(user)) return <Forbidden />;
  if (!UUID.test(id)) notFound();
  const t = await getTranslations();

  const api = await serverApi();
  const path = { params: { path: { departure_id: id } } };
  // The manifest answers only the departure's carrier: a 404 there means the departure is not yours.
  const [loaded, manifest] = await Promise.all([
    api.GET("/api/v1/flights/departures/{departure_id}", path).catch(() => null),
    api.GET("/api/v1/flights/departures/{departure_id}/manifest", path).catch(() => null),
  ]);
  if (!loaded || !manifest) return <LoadFailed href="/organizer/flights" back={t("carrier.route.back")} />;
  if (loaded.response.status === 404 || manifest.response.status === 404) notFound();
  const departure = loaded.data;
  if (!departure) return <LoadFailed href="/organizer/flights" back={t("carrier.route.back")} />;

  const [seatMap, fleet] = await Promise.all([
    api
      .GET("/api/v1/flights/departures/{departure_id}/seat-map", path)
      .then(({ data }) => data ?? null)
      .catch(() => null),
    api
      .GET("/api/v1/flights/aircraft", { params: { query: { limit: 100, offset: 0 } } })
      .then(({ data }) => data?.items ?? [])
      .catch(() => []),
  ]);

  return (
    <section className="space-y-6">
      <OrganizerNav current="flights" />
      <Link href={`/organizer/flights/${departure.route_id}`} className="text-blue-800 underline" data-testid="back-to-route">
        {t("departure.back")}
      </Link>
      <DepartureOverview departure={departure} seatMap={seatMap} />
      <ManifestSection departureId={departure.id} manifest={manifest.data ?? null} />
      <DepartureChanges departure={departure} fleet={fleet} />
      {departure.status !== "cancelled" && (
        <CheckIn sessionId={departure.id} title={t("departure.boarding")} hint={t("departure.boardingHint")} />
      )}
    </section>
  );
}
