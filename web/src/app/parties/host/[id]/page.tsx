import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { AddSlotForm } from "@/components/parties/host/AddSlotForm";
import { PartyActions } from "@/components/parties/host/PartyActions";
import { PartyForm } from "@/components/parties/host/PartyForm";
import { SlotRow } from "@/components/parties/host/SlotRow";
import { PartyStatusBadge } from "@/components/parties/host/status";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function EditPartyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/parties/host/${id}`)}`);
  const t = await getTranslations();
  const api = await serverApi();
  const { data: party, response } = await api.GET("/api/v1/parties/{party_id}", { params: { path: { party_id: id } } });
  if (response.status === 404 || response.status === 422 || (party && party.host.user_id !== user.id)) notFound();
  if (!party) throw new Error(`Could not load the party (${response.status})`);
  const slots = await api
    .GET("/api/v1/parties/{party_id}/slots", { params: { path: { party_id: id }, query: { include_past: true } } })
    .then((r) => r.data?.items ?? party.slots)
    .catch(() => party.slots);

  return (
    <section className="space-y-6">
      <Link href="/parties/host" className="text-sm text-blue-800 underline">
        {t("partyHost.dashboard.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{t("partyHost.dashboard.editTitle", { title: party.movie.title })}</h1>
        <PartyStatusBadge status={party.status} t={t} />
      </div>
      <PartyActions party={party} />
      <section aria-labelledby="slots-h" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
        <h2 id="slots-h" className="text-lg font-semibold">
          {t("partyHost.slots.heading")}
        </h2>
        <p className="text-sm text-slate-600">{t("partyHost.slots.zone", { zone: party.place.timezone })}</p>
        {slots.length === 0 ? (
          <p className="text-slate-600">{t("partyHost.slots.empty")}</p>
        ) : (
          <ul className="space-y-2">
            {slots.map((slot) => (
              <SlotRow key={slot.id} slot={slot} slots={slots} />
            ))}
          </ul>
        )}
        {party.status !== "cancelled" && <AddSlotForm partyId={party.id} timeZone={party.place.timezone} slots={slots} />}
      </section>
      <PartyForm
        key={`${party.id}`}
        party={party}
        defaults={{ city: party.place.city, country: party.place.country, timezone: party.place.timezone, approval: party.approval_required }}
      />
    </section>
  );
}
