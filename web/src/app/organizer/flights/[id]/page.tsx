import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { offsetParam } from "@/components/organizer/flights/Pager";
import { Forbidden, isOrganizer, LoadFailed } from "@/components/organizer/flights/page-guards";
import { RouteEditor } from "@/components/organizer/flights/RouteEditor";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMIT = 20;

export default async function RoutePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/organizer/flights/${id}`)}`);
  if (!isOrganizer(user)) return <Forbidden />;
  if (!UUID.test(id)) notFound();
  const t = await getTranslations();
  const offset = offsetParam((await searchParams).offset);
  const back = <LoadFailed href="/organizer/flights" back={t("carrier.route.back")} />;

  const api = await serverApi();
  const path = { path: { route_id: id } };
  const [loaded, departures] = await Promise.all([
    api.GET("/api/v1/flights/routes/{route_id}", { params: path }).catch(() => null),
    api
      .GET("/api/v1/flights/routes/{route_id}/departures", { params: { ...path, query: { limit: LIMIT, offset } } })
      .then(({ data }) => data ?? null)
      .catch(() => null),
  ]);
  if (!loaded) return back;
  const route = loaded.data;
  if (!route) {
    if (loaded.response.status === 404) notFound();
    return back;
  }
  if (!departures) return back;

  // The aircraft names the cabins a fare may use; the return route its flight number. Both are extras.
  const [aircraft, returnRoute] = await Promise.all([
    api
      .GET("/api/v1/flights/aircraft/{aircraft_id}", { params: { path: { aircraft_id: route.default_aircraft_id } } })
      .then(({ data }) => data ?? null)
      .catch(() => null),
    route.return_route_id
      ? api
          .GET("/api/v1/flights/routes/{route_id}", { params: { path: { route_id: route.return_route_id } } })
          .then(({ data }) => data ?? null)
          .catch(() => null)
      : Promise.resolve(null),
  ]);
  const aircraftName = aircraft ? (aircraft.registration ? `${aircraft.model} (${aircraft.registration})` : aircraft.model) : null;

  return (
    <section className="space-y-6">
      <OrganizerNav current="flights" />
      <Link href="/organizer/flights" className="text-blue-800 underline">
        {t("carrier.route.back")}
      </Link>
      <RouteEditor
        route={route}
        departures={{ items: departures.items ?? [], total: departures.total ?? 0, limit: departures.limit ?? LIMIT, offset: departures.offset ?? offset }}
        aircraftName={aircraftName}
        cabins={aircraft?.cabins.map((cabin) => cabin.cabin) ?? []}
        returnFlight={returnRoute?.flight_number ?? null}
      />
    </section>
  );
}
