import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { offsetParam } from "@/components/organizer/flights/Pager";
import { EncounterCard } from "@/components/parties/EncounterCard";
import { PartyLinks } from "@/components/parties/PartyLinks";
import { PartyPager, withQuery } from "@/components/parties/PartyPager";
import { serverApi } from "@/lib/api/server";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 20;

export default async function PartyRatingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const awaiting = query.awaiting === "1";
  const offset = offsetParam(query.offset);
  const t = await getTranslations();
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/parties/encounters", {
    params: { query: { limit: PAGE_SIZE, offset, ...(awaiting ? { awaiting_my_rating: true } : {}) } },
  });
  if (response.status === 401) redirect(`/login?next=${encodeURIComponent(`/parties/ratings${awaiting ? "?awaiting=1" : ""}`)}`);
  if (!data) throw new Error(`Could not load encounters (${response.status})`);
  const items = data.items ?? [];
  // Encounters carry no zone: times are shown in the party place's zone.
  const zones: Record<string, string> = {};
  const partyIds = [...new Set(items.map((e) => e.party_id))];
  const parties = await Promise.all(
    partyIds.map((id) => api.GET("/api/v1/parties/{party_id}", { params: { path: { party_id: id } } }).then((r) => r.data ?? null).catch(() => null)),
  );
  for (const party of parties) if (party) zones[party.id] = party.place.timezone;
  const tab = (active: boolean) =>
    `-mb-px inline-block border-b-2 px-3 py-2 font-medium ${active ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;

  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("parties.ratings.title")}</h1>
        <PartyLinks signedIn />
        <p className="text-slate-700">{t("parties.ratings.intro")}</p>
      </div>
      <nav aria-label={t("parties.ratings.filter")}>
        <ul className="flex gap-2 border-b border-slate-200">
          <li>
            <Link href="/parties/ratings" aria-current={!awaiting ? "page" : undefined} className={tab(!awaiting)}>
              {t("parties.ratings.all")}
            </Link>
          </li>
          <li>
            <Link href="/parties/ratings?awaiting=1" aria-current={awaiting ? "page" : undefined} className={tab(awaiting)} data-testid="ratings-awaiting">
              {t("parties.ratings.awaiting")}
            </Link>
          </li>
        </ul>
      </nav>
      {items.length === 0 ? (
        <p className="text-slate-600">{t("parties.ratings.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((encounter) => (
            <EncounterCard key={encounter.id} initial={encounter} timeZone={zones[encounter.party_id] ?? "UTC"} />
          ))}
        </ul>
      )}
      <PartyPager
        total={data.total ?? items.length}
        limit={PAGE_SIZE}
        offset={offset}
        href={(next) => withQuery("/parties/ratings", { awaiting: awaiting ? "1" : null, offset: next })}
      />
    </section>
  );
}
