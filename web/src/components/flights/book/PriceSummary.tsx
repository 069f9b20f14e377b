"use client";

import { useLocale, useTranslations } from "next-intl";

import type { PriceSummary as Summary } from "@/lib/flights/pricing";
import { formatMoney } from "@/lib/money";

/** Each leg's fare times the party, and the total the order is sent with (`expected_total`). */
export function PriceSummary({ summary, changedTotal }: { summary: Summary; changedTotal: number | null }) {
  const t = useTranslations();
  const lang = useLocale();
  const currency = summary.currency ?? "KZT";
  return (
    <section aria-labelledby="price-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="price-heading" className="text-lg font-semibold">
        {t("flights.book.price.title")}
      </h2>
      <ul className="space-y-1 text-sm">
        {summary.lines.map((line) => (
          <li key={line.leg} className="flex justify-between gap-3">
            <span>
              {t("flights.book.price.line", {
                leg: String(line.leg),
                fare: line.fareName,
                count: String(line.passengers),
                price: formatMoney(line.price, line.currency, lang),
              })}
            </span>
            <span>{formatMoney(line.subtotal, line.currency, lang)}</span>
          </li>
        ))}
      </ul>
      <p className="flex justify-between border-t border-slate-200 pt-2 text-lg font-semibold">
        <span>{t("flights.book.price.total")}</span>
        <span data-testid="order-total">{formatMoney(changedTotal ?? summary.total, currency, lang)}</span>
      </p>
      <div role="alert" data-testid="price-changed" className="rounded bg-amber-50 p-2 text-amber-900 empty:hidden">
        {changedTotal !== null ? t("flights.book.price.changed", { total: formatMoney(changedTotal, currency, lang) }) : null}
      </div>
    </section>
  );
}
