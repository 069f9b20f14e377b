import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { PartyForm } from "@/components/parties/host/PartyForm";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function NewPartyPage() {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/parties/host/new")}`);
  const t = await getTranslations();
  const api = await serverApi();
  const profile = await api
    .GET("/api/v1/parties/host-profile")
    .then((r) => r.data ?? null)
    .catch(() => null);

  return (
    <section className="space-y-4">
      <Link href="/parties/host" className="text-sm text-blue-800 underline">
        {t("partyHost.dashboard.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("partyHost.dashboard.newTitle")}</h1>
      {profile === null ? (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-amber-900">
          {t("partyHost.dashboard.needProfile")}{" "}
          <Link href="/parties/host" className="underline">
            {t("partyHost.dashboard.profile")}
          </Link>
        </p>
      ) : (
        <PartyForm
          party={null}
          defaults={{ city: profile.city, country: profile.country, timezone: profile.timezone, approval: profile.approval_required }}
        />
      )}
    </section>
  );
}
