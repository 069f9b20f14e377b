import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { BookSlot } from "@/components/parties/BookSlot";
import { PartyLinks } from "@/components/parties/PartyLinks";
import { GuestReputation, HostReputation } from "@/components/parties/Reputation";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function PartyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations();
  const api = await serverApi();
  const [{ data: party, response }, user] = await Promise.all([
    api.GET("/api/v1/parties/{party_id}", { params: { path: { party_id: id } } }),
    currentUser(),
  ]);
  if (!party) {
    if (response.status === 404 || response.status === 400 || response.status === 422) notFound();
    throw new Error(`Could not load the party (${response.status})`);
  }
  const own = user?.id === party.host.user_id;
  const slots = party.slots.filter((slot) => slot.status === "scheduled");

  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <PartyLinks signedIn={user !== null} />
        <div className="flex flex-wrap gap-4">
          {party.movie.poster_url && (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={party.movie.poster_url} alt="" width={120} height={180} className="h-44 w-30 rounded object-cover" />
          )}
          <div className="space-y-1">
            <h1 className="text-3xl font-bold" data-testid="party-title">
              {party.movie.title}
              {party.movie.year ? ` (${party.movie.year})` : ""}
            </h1>
            <p className="text-slate-700">
              {t("parties.detail.runtime", { minutes: String(party.movie.runtime_minutes) })}
              {party.movie.url && (
                <>
                  {" · "}
                  <a href={party.movie.url} rel="noopener noreferrer nofollow" target="_blank" className="text-blue-800 underline">
                    {t("parties.detail.filmLink")}
                  </a>
                </>
              )}
            </p>
          </div>
        </div>
        {party.status === "draft" && (
          <p role="status" className="rounded bg-amber-50 p-3 text-amber-900">
            {t("parties.detail.draft")}
          </p>
        )}
        {party.status === "cancelled" && (
          <p role="status" className="rounded bg-red-50 p-3 text-red-800">
            {t("parties.detail.partyCancelled")}
          </p>
        )}
        {own && (
          <p className="rounded bg-slate-100 p-3">
            {t("parties.detail.own")}{" "}
            <Link href={`/parties/host/${party.id}`} className="text-blue-800 underline">
              {t("parties.detail.edit")}
            </Link>
          </p>
        )}
        {party.description && <p className="whitespace-pre-line">{party.description}</p>}
      </header>
      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="place-h" className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="place-h" className="font-semibold">
            {t("parties.detail.place")}
          </h2>
          <p>
            {party.place.public_area}, {party.place.city}
          </p>
          {party.place.address ? (
            <p data-testid="party-address">{t("parties.detail.address", { address: party.place.address })}</p>
          ) : (
            <p className="text-sm text-slate-600">{t("parties.detail.addressHidden")}</p>
          )}
          <p className="text-sm text-slate-600">{t("parties.detail.timeNote", { zone: party.place.timezone })}</p>
        </section>
        <section aria-labelledby="host-h" className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="host-h" className="font-semibold">
            {t("parties.detail.host")}
          </h2>
          <p className="font-medium">{party.host.display_name}</p>
          <p>
            <HostReputation rating={party.host.reputation.as_host} />
          </p>
          <p>
            <GuestReputation rating={party.host.reputation.as_guest} />
          </p>
          <Link href={`/parties/hosts/${party.host.user_id}`} className="text-sm text-blue-800 underline">
            {t("parties.detail.hostProfile")}
          </Link>
        </section>
      </div>
      <section className="space-y-2">
        <p className="text-sm text-slate-700">
          {t("parties.detail.perGuest", { max: String(party.max_places_per_guest) })}
          {party.approval_required && ` ${t("parties.detail.approval")}`}
        </p>
        <BookSlot
          slots={slots}
          bookable={!own && party.status === "published"}
          maxPlaces={party.max_places_per_guest}
          approvalRequired={party.approval_required}
          signedIn={user !== null}
          loginHref={`/login?next=${encodeURIComponent(`/parties/${party.id}`)}`}
        />
      </section>
    </article>
  );
}
