import { useLocale, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { SearchForm } from "@/components/flights/SearchForm";
import { saysAccountDeleted } from "@/lib/account/deleted";
import type { components } from "@/lib/api/schema";
import { serverApi } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time-zone";

type EventSummary = components["schemas"]["EventSummary"];
type Kind = "event" | "flight" | "party";
type SearchParams = Record<string, string | string[] | undefined>;

const PAGE_SIZE = 20;
const KINDS: Kind[] = ["event", "flight", "party"];
const FILTERS = ["q", "kind", "category", "city", "date_from", "date_to"] as const;

function first(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? "").trim();
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** "YYYY-MM-DD" (a date input) -> the start of that day (UTC), optionally a number of days later. */
function dayStart(value: string, plusDays = 0): string {
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

function hrefWith(filters: Record<string, string>, changes: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) {
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

function Stars({ average, count }: { average: number; count: number }) {
  const t = useTranslations();
  if (count <= 0) return null;
  const rounded = Math.round(average);
  const label = t("catalog.rating", { average: average.toFixed(1), count: String(count) });
  return (
    <span className="inline-flex items-center gap-1 text-sm" aria-label={label} title={label} role="img">
      <span aria-hidden="true" className="text-amber-500">
        {"★".repeat(rounded)}
        <span className="text-slate-300">{"★".repeat(Math.max(0, 5 - rounded))}</span>
      </span>
      <span aria-hidden="true" className="text-slate-600">
        {average.toFixed(1)} ({count})
      </span>
    </span>
  );
}

function EventCard({ event }: { event: EventSummary }) {
  const lang = useLocale();
  const t = useTranslations();
  return (
    <li>
      <Link
        href={`/events/${event.id}`}
        data-testid="event-card"
        className="flex h-full flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-blue-400 hover:shadow"
      >
        <div className="flex items-start justify-between gap-2">
          <h3 className="text-lg font-semibold leading-snug">{event.title}</h3>
          {event.sold_out && (
            <span
              data-testid="sold-out"
              className="shrink-0 rounded bg-red-100 px-2 py-0.5 text-xs font-semibold uppercase text-red-800"
            >
              {t("catalog.soldOut")}
            </span>
          )}
        </div>
        <p className="text-sm text-slate-600">
          {[event.city, event.venue_name].filter(Boolean).join(" · ")}
        </p>
        <p className="text-sm">
          {event.starts_at ? (
            <time dateTime={event.starts_at}>{formatDateTime(event.starts_at, event.timezone, lang)}</time>
          ) : (
            t("catalog.noDate")
          )}
        </p>
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-2">
          {event.price_from !== null && event.currency ? (
            <span className="font-semibold text-blue-800">
              {t("catalog.from", { price: formatMoney(event.price_from, event.currency, lang) })}
            </span>
          ) : (
            <span />
          )}
          <Stars average={event.rating_average} count={event.rating_count} />
        </div>
      </Link>
    </li>
  );
}

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations();
  const raw = await searchParams;

  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = first(raw[key]);
    if (value) filters[key] = value;
  }
  const kind = KINDS.find((k) => k === filters.kind) ?? null;
  const dateFrom = filters.date_from && isDate(filters.date_from) ? filters.date_from : "";
  const dateTo = filters.date_to && isDate(filters.date_to) ? filters.date_to : "";
  const page = Math.max(1, Number.parseInt(first(raw.page), 10) || 1);

  const api = await serverApi();
  const { data } = await api.GET("/api/v1/events", {
    params: {
      query: {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        kind,
        q: filters.q || null,
        category: filters.category || null,
        city: filters.city || null,
        date_from: dateFrom ? dayStart(dateFrom) : null,
        date_to: dateTo ? dayStart(dateTo, 1) : null,
      },
    },
  });
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const input =
    "w-full rounded border border-slate-300 bg-white px-3 py-2 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

  return (
    <div className="space-y-6">
      {saysAccountDeleted(raw) && (
        <p role="status" data-testid="account-deleted" className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
          {t("account.data.deleted")}
        </p>
      )}
      <h1 className="text-2xl font-bold">{t("catalog.title")}</h1>

      <section aria-labelledby="home-flights-heading" data-testid="home-flights" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="home-flights-heading" className="text-xl font-semibold">
            {t("flights.search.homeTitle")}
          </h2>
          <Link href="/flights" className="text-sm underline">
            {t("flights.search.title")}
          </Link>
        </div>
        <p className="text-slate-600">{t("flights.search.homeIntro")}</p>
        <SearchForm compact />
      </section>

      <section aria-labelledby="home-parties-heading" data-testid="home-parties" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="home-parties-heading" className="text-xl font-semibold">
            {t("parties.browse.title")}
          </h2>
          <Link href="/parties" className="text-sm underline">
            {t("parties.links.browse")}
          </Link>
        </div>
        <p className="text-slate-600">{t("parties.browse.intro")}</p>
        <Link href="/parties/host" className="text-sm underline">
          {t("parties.links.host")}
        </Link>
      </section>

      <nav aria-label={t("catalog.kindLabel")}>
        <ul className="flex flex-wrap gap-2">
          {[null, ...KINDS].map((k) => {
            const active = k === kind;
            return (
              <li key={k ?? "all"}>
                <Link
                  href={hrefWith(filters, { kind: k, page: null })}
                  aria-current={active ? "page" : undefined}
                  data-testid={`kind-${k ?? "all"}`}
                  className={`inline-block rounded-full border px-4 py-1.5 text-sm ${
                    active ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white hover:border-blue-500"
                  }`}
                >
                  {t(`catalog.kind.${k ?? "all"}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <form method="get" action="/" role="search" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
        {kind && <input type="hidden" name="kind" value={kind} />}
        <div className="sm:col-span-2">
          <label htmlFor="search-q" className="mb-1 block text-sm font-medium">
            {t("catalog.search")}
          </label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder={t("catalog.searchPlaceholder")}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="search-category" className="mb-1 block text-sm font-medium">
            {t("catalog.category")}
          </label>
          <input id="search-category" name="category" type="text" defaultValue={filters.category ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="search-city" className="mb-1 block text-sm font-medium">
            {t("catalog.city")}
          </label>
          <input id="search-city" name="city" type="text" defaultValue={filters.city ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="search-from" className="mb-1 block text-sm font-medium">
            {t("catalog.dateFrom")}
          </label>
          <input id="search-from" name="date_from" type="date" defaultValue={dateFrom} className={input} />
        </div>
        <div>
          <label htmlFor="search-to" className="mb-1 block text-sm font-medium">
            {t("catalog.dateTo")}
          </label>
          <input id="search-to" name="date_to" type="date" defaultValue={dateTo} className={input} />
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <button type="submit" className="rounded bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800">
            {t("catalog.submit")}
          </button>
          {Object.keys(filters).length > 0 && (
            <Link href="/" className="text-sm underline">
              {t("catalog.reset")}
            </Link>
          )}
        </div>
      </form>

      <section aria-labelledby="results-heading" className="space-y-4">
        <div className="flex items-baseline justify-between gap-2">
          <h2 id="results-heading" className="text-lg font-semibold">
            {t("catalog.results")}
          </h2>
          <p data-testid="catalog-total" className="text-sm text-slate-600">
            {t("catalog.total", { total: String(total) })}
          </p>
        </div>
        {items.length === 0 ? (
          <p data-testid="catalog-empty" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            {t("catalog.empty")}
          </p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
        )}
        {pages > 1 && (
          <nav aria-label={t("catalog.pagination")} className="flex items-center justify-between gap-2">
            {page > 1 ? (
              <Link
                rel="prev"
                data-testid="page-prev"
                href={hrefWith(filters, { page: page - 1 > 1 ? String(page - 1) : null })}
                className="rounded border border-slate-300 bg-white px-3 py-1.5"
              >
                {t("catalog.prev")}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-sm text-slate-600">{t("catalog.page", { page: String(page), pages: String(pages) })}</span>
            {page < pages ? (
              <Link
                rel="next"
                data-testid="page-next"
                href={hrefWith(filters, { page: String(page + 1) })}
                className="rounded border border-slate-300 bg-white px-3 py-1.5"
              >
                {t("catalog.next")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
