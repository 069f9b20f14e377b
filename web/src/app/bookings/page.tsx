import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { valueMessage } from "@/i18n/translate";
import { serverApi } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time-zone";

const PAGE_SIZE = 20;

const STATUS_STYLE: Record<string, string> = {
  confirmed: "bg-green-100 text-green-800",
  pending_payment: "bg-amber-100 text-amber-800",
  cancelled: "bg-slate-200 text-slate-700",
  expired: "bg-slate-200 text-slate-700",
};

export default async function BookingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const lang = await getLocale();
  const t = await getTranslations();
  const raw = (await searchParams).page;
  const page = Math.max(1, Number.parseInt(typeof raw === "string" ? raw : "1", 10) || 1);

  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/bookings", {
    params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
  });
  if (response.status === 401) redirect("/login?next=/bookings");
  if (!data) throw new Error(`Could not load bookings (${response.status})`);
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("bookings.title")}</h1>
      {data.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {t("bookings.empty")}{" "}
          <Link href="/" className="underline">
            {t("bookings.browse")}
          </Link>
        </p>
      ) : (
        <ul className="space-y-3">
          {data.items.map((booking) => (
            <li key={booking.id}>
              <Link
                href={`/bookings/${booking.id}`}
                data-testid="booking-row"
                className="grid gap-1 rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-400 sm:grid-cols-[7rem_1fr_auto] sm:items-center sm:gap-4"
              >
                <span className="font-mono text-sm font-semibold" data-testid="booking-reference">
                  <span className="sr-only">{t("bookings.reference")}: </span>
                  {booking.reference}
                </span>
                <span className="min-w-0">
                  <span className="block truncate font-medium">{booking.event_title}</span>
                  <span className="block text-sm text-slate-600">
                    <time dateTime={booking.session_starts_at}>
                      {formatDateTime(booking.session_starts_at, booking.timezone, lang)}
                    </time>
                    {booking.venue_name ? ` · ${booking.venue_name}` : ""}
                  </span>
                </span>
                <span className="flex items-center gap-3 sm:flex-col sm:items-end sm:gap-1">
                  <span
                    data-status={booking.status}
                    className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[booking.status] ?? "bg-slate-100"}`}
                  >
                    {booking.awaiting_approval ? t("bookings.awaitingBadge") : valueMessage(t, "status", booking.status)}
                  </span>
                  <span className="font-semibold">{formatMoney(booking.total, booking.currency, lang)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={t("catalog.pagination")} className="flex items-center justify-between">
          {page > 1 ? (
            <Link href={`/bookings?page=${page - 1}`} className="rounded border border-slate-300 bg-white px-3 py-1.5">
              {t("catalog.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-600">{t("catalog.page", { page: String(page), pages: String(pages) })}</span>
          {page < pages ? (
            <Link href={`/bookings?page=${page + 1}`} className="rounded border border-slate-300 bg-white px-3 py-1.5">
              {t("catalog.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
