import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { needsTwoFactor } from "@/components/account/errors";
import { TwoFactorRequiredNotice } from "@/components/account/TwoFactorRequiredNotice";
import { AdminNav } from "@/components/admin/AdminNav";
import { ModerationQueue, type ReviewTab } from "@/components/organizer/ModerationQueue";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const TABS: ReviewTab[] = ["pending", "approved", "rejected"];

export default async function ReviewModerationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const raw = Array.isArray(query.status) ? query.status[0] : query.status;
  const status: ReviewTab = TABS.find((tab) => tab === raw) ?? "pending";

  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/admin/reviews${raw ? `?status=${status}` : ""}`)}`);
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
    .GET("/api/v1/admin/reviews", { params: { query: { status, limit: 100, offset: 0 } } })
    .catch(() => null);
  const page = result?.data ?? null;

  return (
    <section className="space-y-6">
      <AdminNav current="reviews" />
      <h1 className="text-2xl font-bold">{t("admin.reviews.title")}</h1>
      <nav aria-label={t("admin.reviews.tabs")}>
        <ul className="flex flex-wrap gap-2 border-b border-slate-200">
          {TABS.map((tab) => {
            const active = tab === status;
            return (
              <li key={tab}>
                <Link
                  href={`/admin/reviews?status=${tab}`}
                  aria-current={active ? "page" : undefined}
                  data-testid={`reviews-tab-${tab}`}
                  className={`-mb-px inline-block border-b-2 px-3 py-2 font-medium ${
                    active ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"
                  }`}
                >
                  {t(`admin.reviews.${tab}`)}
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
        <ModerationQueue key={status} status={status} initial={page.items} total={page.total} />
      )}
    </section>
  );
}
