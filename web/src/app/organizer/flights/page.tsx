import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { statusLabel } from "@/components/organizer/flights/labels";
import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { offsetParam, Pager } from "@/components/organizer/flights/Pager";
import { Forbidden, isOrganizer } from "@/components/organizer/flights/page-guards";
import { StatusBadge } from "@/components/organizer/flights/StatusBadge";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const LIMIT = 20;

export default async function RoutesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (!user) redirect("/login?next=/organizer/flights");
  if (!isOrganizer(user)) return <Forbidden />;
  const t = await getTranslations();
  const offset = offsetParam((await searchParams).offset);
  const api = await serverApi();
  const page = await api
    .GET("/api/v1/flights/routes", { params: { query: { limit: LIMIT, offset } } })
    .then(({ data }) => data ?? null)
    .catch(() => null);
  const items = page?.items ?? [];
  const total = page?.total ?? items.length;

  return (
    <section className="space-y-6">
      <OrganizerNav current="flights" />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("carrier.routes.title")}</h1>
        <Link href="/organizer/flights/new" data-testid="new-route" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
          {t("carrier.routes.new")}
        </Link>
      </div>
      {page === null ? (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("org.loadFailed")}
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("carrier.routes.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("carrier.routes.total", { count: String(total) })}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="p-3">{t("carrier.routes.flightNumber")}</th>
                  <th scope="col" className="p-3">{t("carrier.routes.route")}</th>
                  <th scope="col" className="p-3">{t("carrier.routes.status")}</th>
                  <th scope="col" className="p-3 text-right">{t("carrier.routes.fares")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {items.map((route) => (
                  <tr key={route.id} data-testid="route-item">
                    <th scope="row" className="p-3">
                      <Link href={`/organizer/flights/${route.id}`} className="font-semibold text-blue-800 underline-offset-2 hover:underline">
                        {route.flight_number}
                      </Link>
                    </th>
                    <td className="p-3">
                      {route.origin.iata} ({route.origin.city}) → {route.destination.iata} ({route.destination.city})
                    </td>
                    <td className="p-3">
                      <StatusBadge status={route.status} label={statusLabel(t, route.status)} testId="route-status" />
                    </td>
                    <td className="p-3 text-right tabular-nums">{t("carrier.routes.faresCount", { count: String(route.fares.length) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager basePath="/organizer/flights" total={total} limit={LIMIT} offset={offset} />
        </>
      )}
    </section>
  );
}
