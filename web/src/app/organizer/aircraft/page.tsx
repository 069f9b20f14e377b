import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { cabinLabel } from "@/components/organizer/flights/labels";
import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { offsetParam, Pager } from "@/components/organizer/flights/Pager";
import { Forbidden, isOrganizer } from "@/components/organizer/flights/page-guards";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const LIMIT = 20;

export default async function AircraftListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (!user) redirect("/login?next=/organizer/aircraft");
  if (!isOrganizer(user)) return <Forbidden />;
  const t = await getTranslations();
  const offset = offsetParam((await searchParams).offset);

  const api = await serverApi();
  const page = await api
    .GET("/api/v1/flights/aircraft", { params: { query: { limit: LIMIT, offset } } })
    .then(({ data }) => data ?? null)
    .catch(() => null);
  const items = page?.items ?? [];

  return (
    <section className="space-y-6">
      <OrganizerNav current="aircraft" />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("carrier.aircraft.title")}</h1>
        <Link
          href="/organizer/aircraft/new"
          data-testid="new-aircraft"
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
        >
          {t("carrier.aircraft.new")}
        </Link>
      </div>
      {page === null ? (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("org.loadFailed")}
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          {t("carrier.aircraft.empty")}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("carrier.aircraft.total", { count: String(page.total ?? items.length) })}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="p-3">{t("carrier.aircraft.model")}</th>
                  <th scope="col" className="p-3">{t("carrier.aircraft.registration")}</th>
                  <th scope="col" className="p-3 text-right">{t("carrier.aircraft.seats")}</th>
                  <th scope="col" className="p-3">{t("carrier.aircraft.cabins")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {items.map((aircraft) => (
                  <tr key={aircraft.id} data-testid="aircraft-item">
                    <th scope="row" className="p-3 font-medium">
                      {aircraft.model}
                      {aircraft.in_use ? (
                        <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">
                          {t("carrier.aircraft.inUse")}
                        </span>
                      ) : null}
                    </th>
                    <td className="p-3">{aircraft.registration ?? t("carrier.aircraft.noRegistration")}</td>
                    <td className="p-3 text-right tabular-nums" data-testid="aircraft-seat-count">
                      {aircraft.seat_count}
                    </td>
                    <td className="p-3">
                      <ul className="space-y-0.5">
                        {aircraft.cabins.map((cabin) => (
                          <li key={cabin.cabin}>
                            {t("carrier.aircraft.cabinSummary", {
                              cabin: cabinLabel(t, cabin.cabin),
                              first: String(cabin.first_row),
                              last: String(cabin.last_row),
                              layout: cabin.layout,
                              seats: String(cabin.seat_count),
                            })}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager basePath="/organizer/aircraft" total={page.total ?? items.length} limit={LIMIT} offset={offset} />
        </>
      )}
    </section>
  );
}
