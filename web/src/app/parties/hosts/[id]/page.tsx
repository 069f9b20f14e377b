import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { PartyCard } from "@/components/parties/PartyCard";
import { PartyLinks } from "@/components/parties/PartyLinks";
import { GuestReputation, HostReputation } from "@/components/parties/Reputation";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function HostProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations();
  const lang = await getLocale();
  const api = await serverApi();
  const [{ data: host, response }, ratings, user] = await Promise.all([
    api.GET("/api/v1/parties/hosts/{user_id}", { params: { path: { user_id: id } } }),
    api
      .GET("/api/v1/parties/users/{user_id}/ratings", { params: { path: { user_id: id }, query: { role: "host", limit: 20 } } })
      .then((r) => r.data?.items ?? [])
      .catch(() => []),
    currentUser(),
  ]);
  if (!host) {
    if (response.status === 404 || response.status === 400 || response.status === 422) notFound();
    throw new Error(`Could not load the host (${response.status})`);
  }
  const zone = host.timezone || "UTC";
  const day = (iso: string) => new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", { dateStyle: "long", timeZone: zone }).format(new Date(iso));
  const zones = await Promise.all(
    host.parties.map((party) =>
      api
        .GET("/api/v1/parties/{party_id}/slots", { params: { path: { party_id: party.id } } })
        .then((r) => r.data?.items[0]?.timezone ?? null)
        .catch(() => null),
    ),
  );

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <PartyLinks signedIn={user !== null} />
        <h1 className="text-2xl font-bold">{t("parties.hostPage.title", { name: host.display_name })}</h1>
        <p className="text-slate-700">
          {t("parties.hostPage.city", { city: host.city, country: host.country })} · {t("parties.hostPage.memberSince", { date: day(host.member_since) })}
        </p>
        {host.bio && <p className="whitespace-pre-line">{host.bio}</p>}
        <div className="flex flex-col gap-1">
          <HostReputation rating={host.reputation.as_host} />
          <GuestReputation rating={host.reputation.as_guest} />
        </div>
      </header>
      <section aria-labelledby="ratings-h" className="space-y-3">
        <h2 id="ratings-h" className="text-lg font-semibold">
          {t("parties.hostPage.ratings")}
        </h2>
        {ratings.length === 0 ? (
          <p className="text-slate-600">{t("parties.hostPage.noRatings")}</p>
        ) : (
          <ul className="space-y-2">
            {ratings.map((rating) => (
              <li key={`${rating.author.user_id}-${rating.revealed_at}`} className="rounded border border-slate-200 bg-white p-3">
                <p>
                  <span role="img" aria-label={t("parties.ratings.star", { count: String(rating.score) })} className="text-amber-500">
                    <span aria-hidden="true">{"★".repeat(rating.score)}</span>
                  </span>{" "}
                  <span className="text-sm text-slate-600">{t("parties.hostPage.ratingBy", { name: rating.author.name, film: rating.party_title })}</span>
                </p>
                {rating.comment && <p>{rating.comment}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="parties-h" className="space-y-3">
        <h2 id="parties-h" className="text-lg font-semibold">
          {t("parties.hostPage.parties")}
        </h2>
        {host.parties.length === 0 ? (
          <p className="text-slate-600">{t("parties.hostPage.noParties")}</p>
        ) : (
          <ul className="space-y-3">
            {host.parties.map((party, i) => (
              <PartyCard key={party.id} party={party} timeZone={zones[i] ?? null} />
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
