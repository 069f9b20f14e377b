// The whole order page body, section by section: the schedule-change banner first, then paying, boarding,
// the itinerary, passengers, changing seats and cancelling. A new section is one more entry of `sections`.
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { formatMoney } from "@/lib/money";

import { isOrderStatus, statusLabel, STATUS_STYLE } from "../labels";
import { BoardingPasses } from "./BoardingPasses";
import { Itinerary } from "./Itinerary";
import { PassengerList } from "./PassengerList";
import { PayPanel } from "./PayPanel";
import type { OrderChange } from "@/lib/flights/changes";

import { CancelTrip } from "./CancelTrip";
import { ChangeSeats } from "./ChangeSeats";
import { PastChanges, ScheduleChangeBanner } from "./ScheduleChangeBanner";
import type { FlightOrder, LegZones } from "./types";

export function OrderView({
  order,
  zones,
  changes = [],
  titleAs: Title = "h1",
}: {
  order: FlightOrder;
  zones: LegZones;
  /** The order's schedule changes (GET …/schedule-changes): old times for the banner. */
  changes?: OrderChange[];
  titleAs?: "h1" | "h2";
}) {
  const t = useTranslations();
  const lang = useLocale();
  const paid = order.status === "confirmed" || order.status === "partially_cancelled";
  const note = isOrderStatus(order.status) && order.status !== "scheduled" ? t(`flights.order.statusNote.${order.status}`) : null;

  const sections: [string, ReactNode][] = [
    ["pay", order.status === "pending_payment" ? <PayPanel orderId={order.id} total={order.total} currency={order.currency} expiresAt={order.expires_at} /> : null],
    ["boarding", paid ? <BoardingPasses order={order} /> : null],
    ["itinerary", <Itinerary order={order} zones={zones} />],
    ["passengers", <PassengerList order={order} />],
    ["seats", <ChangeSeats order={order} />],
    ["cancel", <CancelTrip order={order} />],
    ["history", <PastChanges order={order} history={changes} />],
  ];

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <Title className="text-2xl font-bold">{t("flights.order.title", { reference: order.reference })}</Title>
        <ScheduleChangeBanner order={order} history={changes} />
        <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">{t("flights.order.reference")}</dt>
            <dd data-testid="order-reference" className="font-mono font-semibold">
              {order.reference}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("flights.order.status")}</dt>
            <dd>
              <span data-testid="order-status" data-status={order.status} className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_STYLE[order.status] ?? "bg-slate-100"}`}>
                {statusLabel(t, order.status)}
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("flights.order.total")}</dt>
            <dd data-testid="order-total" className="font-semibold">
              {formatMoney(order.total, order.currency, lang)}{" "}
              <span className="text-sm font-normal text-slate-600">
                · {order.trip_type === "round_trip" ? t("flights.order.tripType.round_trip") : t("flights.order.tripType.one_way")}
              </span>
            </dd>
          </div>
        </dl>
        {note && (
          <p data-testid="status-note" className="rounded bg-slate-100 p-3 text-sm">
            {note}
          </p>
        )}
      </header>
      {sections.map(([key, node]) => (node ? <div key={key}>{node}</div> : null))}
    </article>
  );
}
