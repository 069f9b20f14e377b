import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";

import { needsTwoFactor } from "@/components/account/errors";
import { TwoFactorRequiredNotice } from "@/components/account/TwoFactorRequiredNotice";
import { AdminNav } from "@/components/admin/AdminNav";
import { AuditFilterForm } from "@/components/admin/AuditFilterForm";
import { AuditTable } from "@/components/admin/AuditTable";
import { Pagination } from "@/components/admin/Pagination";
import type { Lang } from "@/i18n/catalogue";
import { auditHref, pageCount, readAuditFilters, type AuditFilterProblem } from "@/lib/admin/audit";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const PROBLEM_KEYS = {
  actor_id: "admin.audit.badActor",
  since: "admin.audit.badSince",
  until: "admin.audit.badUntil",
  range: "admin.audit.badRange",
} as const satisfies Record<AuditFilterProblem, string>;

/** GET /admin/audit with the filters in the page's URL (a plain GET form), newest first, a page at a time. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters, problems, page, query } = readAuditFilters(params);

  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(auditHref(filters, page))}`);
  const t = await getTranslations();
  const lang = (await getLocale()) as Lang;

  if (user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("admin.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("admin.audit.forbidden")}</p>
      </section>
    );
  }

  const api = await serverApi();
  const result = await api.GET("/api/v1/admin/audit", { params: { query } }).catch(() => null);
  const items = result?.data?.items ?? [];
  const total = result?.data?.total ?? 0;

  // Who acted, by name: one look-up per account on this page (an erased one reads as such).
  const actorIds = [...new Set(items.map((item) => item.actor_id).filter((id): id is string => id !== null))];
  const actors = new Map(
    await Promise.all(
      actorIds.map(async (id) => {
        const found = await api.GET("/api/v1/admin/users/{user_id}", { params: { path: { user_id: id } } }).catch(() => null);
        return [id, found?.data?.name ?? null] as const;
      }),
    ),
  );

  return (
    <section className="space-y-6">
      <AdminNav current="audit" />
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("admin.audit.title")}</h1>
        <p className="text-slate-700">{t("admin.audit.intro")}</p>
      </div>
      <AuditFilterForm filters={filters} />
      {problems.length > 0 && (
        <ul role="alert" data-testid="audit-filter-problems" className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {problems.map((problem) => (
            <li key={problem}>{t(PROBLEM_KEYS[problem])}</li>
          ))}
        </ul>
      )}
      {result?.data ? (
        <div className="space-y-4">
          <p data-testid="audit-total" className="text-sm text-slate-600">
            {t("admin.audit.total", { count: String(total) })}
          </p>
          {items.length === 0 ? (
            <p data-testid="audit-empty" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
              {t("admin.audit.empty")}
            </p>
          ) : (
            <AuditTable items={items} actors={actors} filters={filters} lang={lang} />
          )}
          <Pagination
            label={t("admin.audit.pagination")}
            page={page}
            pages={pageCount(total)}
            href={(target) => auditHref(filters, target)}
            previous={t("admin.audit.newer")}
            next={t("admin.audit.older")}
            status={(current, pages) => t("admin.audit.page", { page: String(current), pages: String(pages) })}
          />
        </div>
      ) : needsTwoFactor(result?.error) ? (
        <TwoFactorRequiredNotice />
      ) : (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("org.loadFailed")}
        </p>
      )}
    </section>
  );
}
