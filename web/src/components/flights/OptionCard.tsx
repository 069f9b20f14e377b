"use client";

import { useLocale, useTranslations } from "next-intl";

import type { components } from "@/lib/api/schema";
import { formatMoney } from "@/lib/money";

import { FlightTimes } from "./FlightTimes";

type SearchOption = components["schemas"]["SearchOption"];

/** One departure of a slice with its fares; choosing a fare is a radio group per slice. */
export function OptionCard({
  option,
  passengers,
  groupName,
  chosenFareId,
  onChoose,
}: {
  option: SearchOption;
  passengers: number;
  groupName: string;
  chosenFareId: string | null;
  onChoose: (fareId: string) => void;
}) {
  const t = useTranslations();
  const lang = useLocale();
  return (
    <li data-testid="flight-option" data-flight={option.flight_number} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">
            <span data-testid="flight-number">{option.flight_number}</span> · {option.carrier.name}
          </p>
          <p className="text-sm text-slate-600">{option.aircraft.model}</p>
        </div>
        <p data-testid="seats-left" className="rounded bg-slate-100 px-2 py-0.5 text-sm">
          {t("flights.results.seatsLeft", { count: String(option.seats_left) })}
        </p>
      </div>
      <FlightTimes
        origin={option.origin}
        destination={option.destination}
        departsAt={option.departs_at}
        arrivesAt={option.arrives_at}
        departureZone={option.departure_timezone}
        arrivalZone={option.arrival_timezone}
        durationMinutes={option.duration_minutes}
      />
      <fieldset>
        <legend className="sr-only">{`${option.flight_number} ${option.origin} → ${option.destination}`}</legend>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {option.fares.map((fare) => {
            const chosen = fare.fare_id === chosenFareId;
            return (
              <li key={fare.fare_id}>
                <label
                  data-testid="fare"
                  data-fare={fare.name}
                  className={`flex h-full cursor-pointer flex-col gap-1 rounded border p-3 text-sm ${
                    chosen ? "border-blue-700 bg-blue-50 ring-2 ring-blue-700" : "border-slate-300 hover:border-blue-500"
                  }`}
                >
                  <span className="flex items-center gap-2">
                    <input type="radio" name={groupName} checked={chosen} onChange={() => onChoose(fare.fare_id)} aria-label={t("flights.results.choose", { fare: `${option.flight_number} ${fare.name}` })} />
                    <span className="font-semibold">{fare.name}</span>
                  </span>
                  <span>{t("flights.results.bags", { cabin: String(fare.cabin_bags), checked: String(fare.checked_bags) })}</span>
                  <span>
                    {fare.refundable ? t("flights.results.refundable") : t("flights.results.nonRefundable")} ·{" "}
                    {fare.changeable ? t("flights.results.changeable") : t("flights.results.notChangeable")}
                  </span>
                  <span>{t("flights.results.perPassenger", { price: formatMoney(fare.price, fare.currency, lang) })}</span>
                  <span data-testid="fare-total" className="text-base font-semibold text-blue-800">
                    {t("flights.results.totalFor", { total: formatMoney(fare.total, fare.currency, lang), count: String(passengers) })}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </li>
  );
}
