// Departure → arrival, each in its own airport's zone, with "+1" when the arrival falls on a later local date.
import { useLocale, useTranslations } from "next-intl";

import { dayShiftLabel, splitDuration } from "@/lib/flights/itinerary";
import { formatDateIn, formatTimeIn } from "@/lib/time-zone";

export type FlightTimesProps = {
  origin: string;
  destination: string;
  departsAt: string;
  arrivesAt: string;
  departureZone: string;
  arrivalZone: string;
  durationMinutes?: number;
  showDate?: boolean;
};

export function FlightTimes({ origin, destination, departsAt, arrivesAt, departureZone, arrivalZone, durationMinutes, showDate = false }: FlightTimesProps) {
  const t = useTranslations();
  const lang = useLocale();
  const shift = dayShiftLabel(departsAt, departureZone, arrivesAt, arrivalZone);
  const duration = durationMinutes === undefined ? null : splitDuration(durationMinutes);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
      <p>
        <span className="sr-only">{t("flights.results.departs", { airport: origin })} </span>
        <time dateTime={departsAt} data-testid="departs-local" className="text-xl font-semibold">
          {formatTimeIn(departsAt, departureZone, lang)}
        </time>{" "}
        <span className="text-slate-600">{origin}</span>
        {showDate && <span className="block text-sm text-slate-600">{formatDateIn(departsAt, departureZone, lang)}</span>}
      </p>
      <span aria-hidden="true" className="text-slate-400">
        →
      </span>
      <p>
        <span className="sr-only">{t("flights.results.arrives", { airport: destination })} </span>
        <time dateTime={arrivesAt} data-testid="arrives-local" className="text-xl font-semibold">
          {formatTimeIn(arrivesAt, arrivalZone, lang)}
        </time>
        {shift && (
          <sup data-testid="day-shift" className="ml-0.5 font-semibold text-amber-700" title={t("flights.results.nextDay", { shift })}>
            <span aria-hidden="true">{shift}</span>
            <span className="sr-only">{t("flights.results.nextDay", { shift })}</span>
          </sup>
        )}{" "}
        <span className="text-slate-600">{destination}</span>
        {showDate && <span className="block text-sm text-slate-600">{formatDateIn(arrivesAt, arrivalZone, lang)}</span>}
      </p>
      {duration && (
        <p className="text-sm text-slate-600">{t("flights.results.duration", { hours: String(duration.hours), minutes: String(duration.minutes) })}</p>
      )}
    </div>
  );
}
