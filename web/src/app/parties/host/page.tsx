import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { buttonClass } from "@/components/organizer/form-controls";
import { HostProfileForm } from "@/components/parties/host/HostProfileForm";
import { RequestQueue, type RequestSlot } from "@/components/parties/host/RequestQueue";
import { PartyStatusBadge } from "@/components/parties/host/status";
import { PartyLinks } from "@/components/parties/PartyLinks";
import { HostReputation } from "@/components/parties/Reputation";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function HostDashboardPage() {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/parties/host")}`);
  const t = await getTranslations();
  const api = await serverApi();
  const [profile, mine, requests] = await Promise.all([
    api.GET("/api/v1/parties/host-profile").then((r) => r.data ?? null).catch(() => null),
    api.GET("/api/v1/parties/mine", { params: { query: { limit: 100 } } }).then((r) => r.data?.items ?? []).catch(() => []),
    api
      .GET("/api/v1/parties/requests", { params: { query: { role: "host", status: "pending", limit: 100 } } })
      .then((r) => r.data?.items ?? [])
      .catch(() => []),
  ]);
  // Requests name a slot only: read each party once for the showing's film, time and zone.
  const slots: Record<string, RequestSlot> = {};
  const partyIds = [...new Set(requests.map((r) => r.party_id))];
  const details = await Promise.all(
    partyIds.map((id) => api.GET("/api/v1/parties/{party_id}", { params: { path: { party_id: id } } }).then((r) => r.data ?? null).catch(() => null)),
  );
  for (const party of details) {
    for (const slot of party?.slots ?? []) slots[slot.id] = { film: party?.movie.title ?? "", startsAt: slot.starts_at, timeZone: slot.timezone };
  }

  return (
    <section className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("partyHost.dashboard.title")}</h1>
        <PartyLinks signedIn />
      </div>
      <section aria-labelledby="profile-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="profile-h" className="text-lg font-semibold">
            {t("partyHost.dashboard.profile")}
          </h2>
          {profile && (
            <span className="flex flex-wrap items-center gap-3">
              <HostReputation rating={profile.reputation.as_host} />
              <Link href={`/parties/hosts/${profile.user_id}`} className="text-sm text-blue-800 underline">
                {t("partyHost.dashboard.publicProfile")}
              </Link>
            </span>
          )}
        </div>
        <HostProfileForm profile={profile} fallbackName={user.name} />
      </section>
      <section aria-labelledby="requests-h" className="space-y-3">
        <h2 id="requests-h" className="text-lg font-semibold">
          {t("partyHost.dashboard.requests")}
        </h2>
        <RequestQueue requests={requests} slots={slots} />
      </section>
      <section aria-labelledby="mine-h" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="mine-h" className="text-lg font-semibold">
            {t("partyHost.dashboard.parties")}
          </h2>
          {profile ? (
            <Link href="/parties/host/new" className={buttonClass} data-testid="new-party">
              {t("partyHost.dashboard.newParty")}
            </Link>
          ) : (
            <p className="text-sm text-slate-600">{t("partyHost.dashboard.needProfile")}</p>
          )}
        </div>
        {mine.length === 0 ? (
          <p className="text-slate-600">{t("partyHost.dashboard.noParties")}</p>
        ) : (
          <ul className="space-y-2">
            {mine.map((party) => (
              <li key={party.id} data-testid="my-party" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{party.movie.title}</span>
                  <PartyStatusBadge status={party.status} t={t} />
                  <span className="text-sm text-slate-600">
                    {party.place.public_area}, {party.place.city} · {t("parties.browse.upcoming", { count: String(party.upcoming_slots) })}
                  </span>
                </span>
                <Link href={`/parties/host/${party.id}`} className="text-blue-800 underline">
                  {t("partyHost.dashboard.edit")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
