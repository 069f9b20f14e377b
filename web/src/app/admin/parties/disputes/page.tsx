import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { needsTwoFactor } from "@/components/account/errors";
import { TwoFactorRequiredNotice } from "@/components/account/TwoFactorRequiredNotice";
import { AdminNav } from "@/components/admin/AdminNav";
import { DisputeQueue } from "@/components/parties/DisputeQueue";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const TABS = ["open", "resolved"] as const;
type Tab = (typeof TABS)[number];

export default async function PartyDisputesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const raw = Array.isArray(query.status) ? query.status[0] : query.status;
  const status: Tab = TABS.find((tab) => tab === raw) ?? "open";

  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/admin/parties/disputes${raw ? `?status=${status}` : ""}`)}`);
  const t = await getTranslations();

  if (user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("admin.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("admin.forbidden.body")}</p>
      </section>
    );
  }

  const api = await serverApi();
  const result = await api
    .GET("/api/v1/admin/parties/disputes", { params: { query: { status, limit: 100, offset: 0 } } })
    .catch(() => null);
  const page = result?.data ?? null;

  return (
    <section className="space-y-6">
      <AdminNav current="disputes" />
      <h1 className="text-2xl font-bold">{t("parties.disputes.title")}</h1>
      <nav aria-label={t("parties.disputes.tabs")}>
        <ul className="flex flex-wrap gap-2 border-b border-slate-200">
          {TABS.map((tab) => {
            const active = tab === status;
            return (
              <li key={tab}>
                <Link
                  href={`/admin/parties/disputes?status=${tab}`}
                  aria-current={active ? "page" : undefined}
                  className={`-mb-px inline-block border-b-2 px-3 py-2 font-medium ${
                    active ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"
                  }`}
                >
                  {t(`parties.disputes.${tab}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {page === null && needsTwoFactor(result?.error) ? (
        <TwoFactorRequiredNotice />
      ) : page === null ? (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("org.loadFailed")}
        </p>
      ) : (
        <DisputeQueue key={status} initial={page.items ?? []} />
      )}
    </section>
  );
}
