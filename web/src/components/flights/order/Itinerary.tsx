// The trip leg by leg: flight, airports, local times (with +1), fare and the leg's own status.
import { useTranslations } from "next-intl";

import { FlightTimes } from "../FlightTimes";
import { statusLabel, STATUS_STYLE } from "../labels";
import { zonesOf, type FlightOrder, type LegZones } from "./types";

export function Itinerary({ order, zones }: { order: FlightOrder; zones: LegZones }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="itinerary-heading" className="space-y-3">
      <h2 id="itinerary-heading" className="text-xl font-semibold">
        {t("flights.order.itinerary")}
      </h2>
      <ol className="space-y-3">
        {order.legs.map((leg) => {
          const zone = zonesOf(zones, leg);
          const names = zones[leg.departure_id];
          return (
            <li key={leg.leg} data-testid="order-leg" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-semibold">
                  {t("flights.order.leg", { leg: String(leg.leg) })} · {leg.flight_number}
                  {names ? <span className="font-normal text-slate-600"> · {names.origin} → {names.destination}</span> : null}
                </h3>
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[leg.status] ?? "bg-slate-100"}`}>
                  <span className="sr-only">{t("flights.order.legStatus")}: </span>
                  {statusLabel(t, leg.status)}
                </span>
              </div>
              <FlightTimes
                origin={leg.origin}
                destination={leg.destination}
                departsAt={leg.departs_at}
                arrivesAt={leg.arrives_at}
                departureZone={zone.departure}
                arrivalZone={zone.arrival}
                showDate
              />
              <p className="text-sm text-slate-600">
                {t("flights.order.fare")}: {leg.fare.name}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
