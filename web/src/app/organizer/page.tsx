import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { needsTwoFactor } from "@/components/account/errors";
import { TwoFactorRequiredNotice } from "@/components/account/TwoFactorRequiredNotice";
import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { valueMessage } from "@/i18n/translate";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";
import { formatDateTime } from "@/lib/time-zone";

export const dynamic = "force-dynamic";

const STATUS_STYLES: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
};

export default async function OrganizerDashboard() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/organizer");
  const lang = await getLocale();
  const t = await getTranslations();

  if (user.role !== "organizer" && user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("org.forbidden.body")}</p>
      </section>
    );
  }

  const api = await serverApi();
  let listings: Awaited<ReturnType<typeof loadListings>>["data"] = null;
  let twoFactorMissing = false;
  try {
    const loaded = await loadListings(api);
    listings = loaded.data;
    twoFactorMissing = needsTwoFactor(loaded.error);
  } catch {
    listings = null;
  }

  return (
    <section className="space-y-6">
      <OrganizerNav current="listings" />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("org.dashboard.title")}</h1>
        <Link
          href="/organizer/events/new"
          data-testid="new-event"
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
        >
          {t("org.dashboard.new")}
        </Link>
      </div>

      {listings === null && twoFactorMissing ? (
        <TwoFactorRequiredNotice />
      ) : listings === null ? (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("org.loadFailed")}
        </p>
      ) : listings.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          {t("org.dashboard.empty")}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("org.dashboard.total", { count: String(listings.total) })}</p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {listings.items.map((item) => (
              <li
                key={item.id}
                data-testid="listing-item"
                className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:gap-4"
              >
                <Link
                  href={`/organizer/events/${item.id}`}
                  className="min-w-0 flex-1 py-1 font-medium break-words text-blue-800 underline-offset-2 hover:underline"
                >
                  {item.title}
                </Link>
                <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
                  <span
                    data-testid="listing-status-badge"
                    data-status={item.status}
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLES[item.status] ?? "bg-slate-100 text-slate-800"}`}
                  >
                    {valueMessage(t, "org.status", item.status)}
                  </span>
                  <span>
                    {item.starts_at ? formatDateTime(item.starts_at, item.timezone, lang) : t("org.dashboard.noDate")}
                  </span>
                  <span>{item.city ?? t("org.dashboard.noCity")}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

async function loadListings(api: Awaited<ReturnType<typeof serverApi>>) {
  const { data, error } = await api.GET("/api/v1/organizer/events", { params: { query: { limit: 100, offset: 0 } } });
  return { data: data ?? null, error };
}
