import { getTranslations } from "next-intl/server";

import { buttonClass, inputClass } from "@/components/organizer/form-controls";
import { PartyCard } from "@/components/parties/PartyCard";
import { PartyLinks } from "@/components/parties/PartyLinks";
import { PartyPager, withQuery } from "@/components/parties/PartyPager";
import { serverApi } from "@/lib/api/server";
import { browseFilters, browseQuery } from "@/lib/parties/browse";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 20;

export default async function BrowsePartiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = browseFilters(await searchParams);
  const t = await getTranslations();
  const api = await serverApi();
  const [{ data, response }, user] = await Promise.all([
    api.GET("/api/v1/parties", { params: { query: { ...browseQuery(filters), limit: PAGE_SIZE, offset: filters.offset } } }),
    currentUser(),
  ]);
  if (!data && response.status !== 400) throw new Error(`Could not load parties (${response.status})`);
  const items = data?.items ?? [];
  // The summary has no zone: the place's zone comes with the party's showings.
  const zones = await Promise.all(
    items.map((party) =>
      api
        .GET("/api/v1/parties/{party_id}/slots", { params: { path: { party_id: party.id } } })
        .then((r) => r.data?.items[0]?.timezone ?? null)
        .catch(() => null),
    ),
  );
  const field = (name: "city" | "q" | "from" | "to", label: string, type = "text") => (
    <div>
      <label htmlFor={`browse-${name}`} className="font-medium">
        {label}
      </label>
      <input id={`browse-${name}`} name={name} type={type} defaultValue={filters[name]} className={inputClass} />
    </div>
  );

  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("parties.browse.title")}</h1>
        <p className="text-slate-700">{t("parties.browse.intro")}</p>
        <PartyLinks signedIn={user !== null} />
      </div>
      <form method="get" action="/parties" role="search" className="grid items-end gap-3 sm:grid-cols-5">
        {field("city", t("parties.browse.city"))}
        {field("q", t("parties.browse.q"))}
        {field("from", t("parties.browse.dateFrom"), "date")}
        {field("to", t("parties.browse.dateTo"), "date")}
        <button type="submit" className={buttonClass}>
          {t("parties.browse.search")}
        </button>
      </form>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("parties.browse.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((party, i) => (
            <PartyCard key={party.id} party={party} timeZone={zones[i] ?? null} />
          ))}
        </ul>
      )}
      <PartyPager
        total={data?.total ?? items.length}
        limit={PAGE_SIZE}
        offset={filters.offset}
        href={(offset) => withQuery("/parties", { city: filters.city, q: filters.q, from: filters.from, to: filters.to, offset })}
      />
    </section>
  );
}
