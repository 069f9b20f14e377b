import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { isOrderStatus, statusLabel, STATUS_STYLE } from "@/components/flights/labels";
import { departureZones } from "@/components/flights/order/load";
import { buttonClass, inputClass } from "@/components/organizer/form-controls";
import { serverApi } from "@/lib/api/server";
import { param, type SearchParams } from "@/lib/flights/search-params";
import { formatMoney } from "@/lib/money";
import { formatDateIn } from "@/lib/time-zone";

const PAGE_SIZE = 20;
const FILTERS = ["pending_payment", "confirmed", "partially_cancelled", "cancelled", "expired"] as const;
type Filter = (typeof FILTERS)[number];

function href(status: Filter | null, offset: number): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (offset > 0) params.set("offset", String(offset));
  const query = params.toString();
  return query ? `/flights/orders?${query}` : "/flights/orders";
}

export default async function FlightOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const t = await getTranslations();
  const lang = await getLocale();
  const statusText = param(raw, "status");
  const status = FILTERS.find((s) => s === statusText) ?? null;
  const offsetNumber = Number(param(raw, "offset") || "0");
  const offset = Number.isInteger(offsetNumber) && offsetNumber >= 0 && offsetNumber <= 1_000_000 ? offsetNumber : 0;

  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/flights/orders", { params: { query: { limit: PAGE_SIZE, offset, status } } });
  if (response.status === 401) redirect(`/login?next=${encodeURIComponent(href(status, offset))}`);
  if (!data) throw new Error(`Could not load flight orders (${response.status})`);
  const items = data.items ?? [];
  const total = data.total ?? items.length;
  const zones = await departureZones(items.flatMap((order) => order.legs.map((leg) => leg.departure_id)));
  const localDate = (iso: string, departureId: string) => formatDateIn(iso, zones[departureId]?.departure ?? "UTC", lang);

  const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-blue-800 hover:bg-slate-100";
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("flights.orders.title")}</h1>
        <Link href="/flights" className="underline">
          {t("flights.orders.search")}
        </Link>
      </div>
      <form method="get" action="/flights/orders" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="orders-status" className="font-medium">
            {t("flights.orders.filter")}
          </label>
          <select id="orders-status" name="status" defaultValue={status ?? ""} className={inputClass}>
            <option value="">{t("flights.orders.all")}</option>
            {FILTERS.map((value) => (
              <option key={value} value={value}>
                {t(`flights.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          {t("flights.orders.apply")}
        </button>
      </form>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("flights.orders.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((order) => {
            const first = order.legs[0];
            const last = order.legs[order.legs.length - 1];
            return (
              <li key={order.id}>
                <Link
                  href={`/flights/orders/${order.id}`}
                  data-testid="flight-order-row"
                  className="grid gap-1 rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-400 sm:grid-cols-[7rem_1fr_auto] sm:items-center sm:gap-4"
                >
                  <span className="font-mono text-sm font-semibold">
                    <span className="sr-only">{t("flights.orders.reference")}: </span>
                    {order.reference}
                  </span>
                  <span className="min-w-0">
                    <span className="block font-medium">
                      {order.legs.map((leg) => `${leg.flight_number} ${leg.origin}→${leg.destination}`).join(" · ")}
                    </span>
                    {first && last && (
                      <span className="block text-sm text-slate-600">
                        <time dateTime={first.departs_at}>{localDate(first.departs_at, first.departure_id)}</time>
                        {last !== first && (
                          <>
                            {" – "}
                            <time dateTime={last.departs_at}>{localDate(last.departs_at, last.departure_id)}</time>
                          </>
                        )}
                      </span>
                    )}
                  </span>
                  <span className="flex items-center gap-3 sm:flex-col sm:items-end sm:gap-1">
                    <span data-status={order.status} className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[order.status] ?? "bg-slate-100"}`}>
                      {isOrderStatus(order.status) ? statusLabel(t, order.status) : order.status}
                    </span>
                    <span className="font-semibold">{formatMoney(order.total, order.currency, lang)}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {(total > PAGE_SIZE || offset > 0) && (
        <nav aria-label={t("flights.orders.pages")} className="flex flex-wrap items-center gap-3 text-sm">
          {offset > 0 && (
            <Link href={href(status, Math.max(0, offset - PAGE_SIZE))} rel="prev" className={linkClass}>
              {t("flights.orders.previous")}
            </Link>
          )}
          <span className="text-slate-700">
            {t("flights.orders.range", {
              from: String(Math.min(total, offset + 1)),
              to: String(Math.min(total, offset + PAGE_SIZE)),
              total: String(total),
            })}
          </span>
          {offset + PAGE_SIZE < total && (
            <Link href={href(status, offset + PAGE_SIZE)} rel="next" className={linkClass}>
              {t("flights.orders.next")}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
