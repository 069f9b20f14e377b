"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";

import { formatMoney } from "@/lib/money";

import { AddSessionForm } from "./AddSessionForm";
import { SectionAlert, SectionNotice } from "./SectionFeedback";
import { SessionsTable } from "./SessionsTable";
import type { AvailabilityMap, EventDetail, EventSales, SeatMapSummary } from "./types";
import type { ListingActions } from "./useListingActions";

/** The sales summary, the sessions with their seats and sales, and adding a session. */
export function SessionsSection({
  event,
  availability,
  sales,
  seatMaps,
  actions,
}: {
  event: EventDetail;
  availability: AvailabilityMap;
  /** Null when the sales could not be loaded: no sales figures are shown. */
  sales: EventSales | null;
  /** The venue's seat maps a new session may sell. */
  seatMaps: readonly SeatMapSummary[];
  actions: ListingActions;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const cancelled = event.status === "cancelled";

  const totals = event.sessions
    .filter((s) => s.status !== "cancelled")
    .reduce(
      (acc, s) => {
        const a = availability[s.id];
        return { sold: acc.sold + (a?.sold ?? 0), capacity: acc.capacity + (a?.capacity ?? s.capacity) };
      },
      { sold: 0, capacity: 0 },
    );
  const salesCurrency = sales?.currency ?? event.ticket_types[0]?.currency ?? null;
  const money = (amount: number) => (salesCurrency ? formatMoney(amount, salesCurrency, lang) : "—");

  return (
    <section aria-labelledby={`${id}-sessions-h`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-sessions-h`} className="text-lg font-semibold">
        {t("org.sessions.title")}
      </h2>
      {event.sessions.length === 0 ? (
        <p className="text-slate-700">{t("org.sessions.empty")}</p>
      ) : (
        <>
          {sales && (
            <dl data-testid="sales-summary" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <SalesFigure
                label={t("org.sales.ticketsSold")}
                value={t("org.sessions.soldOf", { sold: String(sales.tickets_sold), capacity: String(totals.capacity) })}
              />
              <SalesFigure label={t("org.sales.bookings")} value={sales.bookings} />
              <SalesFigure label={t("org.sales.checkedIn")} value={sales.checked_in} />
              <SalesFigure label={t("org.sales.revenue")} value={money(sales.revenue)} />
            </dl>
          )}
          <p data-testid="seats-summary" className="text-sm text-slate-700">
            {t("org.sessions.summary", { sold: String(totals.sold), capacity: String(totals.capacity) })}
          </p>
          <SessionsTable event={event} availability={availability} sales={sales} money={money} actions={actions} />
          <SectionNotice notice={actions.notice} section="sessions" />
        </>
      )}

      {!cancelled && <AddSessionForm event={event} seatMaps={seatMaps} actions={actions} />}
      {cancelled && <SectionAlert error={actions.error} section="sessions" />}
    </section>
  );
}

/** One figure of the sales summary (a `<dt>`/`<dd>` pair). */
function SalesFigure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="rounded border border-slate-200 bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold break-words">{value}</dd>
    </div>
  );
}
