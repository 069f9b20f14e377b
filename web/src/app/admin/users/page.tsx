import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { needsTwoFactor } from "@/components/account/errors";
import { TwoFactorRequiredNotice } from "@/components/account/TwoFactorRequiredNotice";
import { AccountTwoFactor } from "@/components/admin/AccountTwoFactor";
import { AdminNav } from "@/components/admin/AdminNav";
import { Pagination } from "@/components/admin/Pagination";
import { auditHref, pageCount } from "@/lib/admin/audit";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;
const ROLES = ["admin", "organizer", "participant"] as const;
type Role = (typeof ROLES)[number];

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

function usersHref(q: string, role: Role | null, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (role) params.set("role", role);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

const input =
  "w-full rounded border border-slate-300 bg-white px-3 py-2 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

/** GET /admin/users: accounts by name or address and role, with their two-factor sign-in (and its reset). */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const q = first(params.q).slice(0, 200);
  const role = ROLES.find((r) => r === first(params.role)) ?? null;
  const page = Math.max(1, Math.min(Number.parseInt(first(params.page), 10) || 1, 10_000));

  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(usersHref(q, role, page))}`);
  const t = await getTranslations();

  if (user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("admin.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("admin.users.forbidden")}</p>
      </section>
    );
  }

  const api = await serverApi();
  const result = await api
    .GET("/api/v1/admin/users", { params: { query: { q: q || null, role, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })
    .catch(() => null);
  const items = result?.data?.items ?? [];
  const total = result?.data?.total ?? 0;
  const cell = "px-3 py-2 align-top";

  return (
    <section className="space-y-6">
      <AdminNav current="users" />
      <h1 className="text-2xl font-bold">{t("admin.users.title")}</h1>
      <form method="get" action="/admin/users" role="search" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="users-q" className="mb-1 block text-sm font-medium">
            {t("admin.users.search")}
          </label>
          <input id="users-q" name="q" type="search" maxLength={200} defaultValue={q} className={input} />
        </div>
        <div>
          <label htmlFor="users-role" className="mb-1 block text-sm font-medium">
            {t("admin.users.role")}
          </label>
          <select id="users-role" name="role" defaultValue={role ?? ""} className={input}>
            <option value="">{t("admin.users.anyRole")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.users.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800">
          {t("admin.users.submit")}
        </button>
      </form>

      {result?.data ? (
        <div className="space-y-4">
          <p data-testid="users-total" className="text-sm text-slate-600">
            {t("admin.users.total", { count: String(total) })}
          </p>
          {items.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("admin.users.empty")}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table data-testid="users-table" className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">{t("admin.users.caption")}</caption>
                <thead className="bg-slate-50 text-left">
                  <tr>
                    <th scope="col" className={`${cell} font-semibold`}>
                      {t("admin.users.name")}
                    </th>
                    <th scope="col" className={`${cell} font-semibold`}>
                      {t("admin.users.email")}
                    </th>
                    <th scope="col" className={`${cell} font-semibold`}>
                      {t("admin.users.role")}
                    </th>
                    <th scope="col" className={`${cell} font-semibold`}>
                      {t("admin.users.twoFactor")}
                    </th>
                    <th scope="col" className={`${cell} font-semibold`}>
                      {t("admin.users.actions")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {items.map((account) => {
                    const roleName = ROLES.find((r) => r === account.role);
                    return (
                      <tr key={account.id} data-testid="user-row" data-email={account.email}>
                        <th scope="row" className={`${cell} text-left font-medium`}>
                          {account.name}
                          {!account.is_active && (
                            <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-700">{t("admin.users.inactive")}</span>
                          )}
                        </th>
                        <td className={`${cell} break-all`}>{account.email}</td>
                        <td className={cell}>{roleName ? t(`admin.users.roles.${roleName}`) : account.role}</td>
                        <td className={cell}>
                          <AccountTwoFactor userId={account.id} name={account.name} email={account.email} enabled={account.two_factor_enabled} />
                        </td>
                        <td className={cell}>
                          <Link
                            href={auditHref({ entity_type: "account", entity_id: account.id })}
                            aria-label={t("admin.users.historyLabel", { name: account.name })}
                            className="text-blue-800 underline"
                          >
                            {t("admin.users.history")}
                          </Link>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            label={t("admin.users.pagination")}
            page={page}
            pages={pageCount(total, PAGE_SIZE)}
            href={(target) => usersHref(q, role, target)}
            previous={t("admin.users.previous")}
            next={t("admin.users.next")}
            status={(current, pages) => t("admin.users.page", { page: String(current), pages: String(pages) })}
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
