// The departure at a glance: flight, airports, local times, status, aircraft, seats left per cabin and the seat
// map with the taken seats (GET /flights/departures/{id} and …/seat-map).
import { useLocale, useTranslations } from "next-intl";

import { toLang } from "@/i18n/catalogue";
import type { components } from "@/lib/api/schema";
import { seatRows, type SeatMap } from "@/lib/flights/seat-picker";
import { formatDateIn, formatTimeIn } from "@/lib/time-zone";

import { cabinLabel, statusLabel } from "../flights/labels";
import { StatusBadge } from "../flights/StatusBadge";

type Departure = components["schemas"]["DepartureRead"];

export function DepartureOverview({ departure, seatMap }: { departure: Departure; seatMap: SeatMap | null }) {
  const t = useTranslations();
  const lang = toLang(useLocale());
  const when = (iso: string, zone: string) => `${formatDateIn(iso, zone, lang)} ${formatTimeIn(iso, zone, lang)}`;
  return (
    <>
      <header className="space-y-3">
        <h1 className="text-2xl font-bold" data-testid="departure-title">
          {t("departure.title", { flight: departure.flight_number, origin: departure.origin.city, destination: departure.destination.city })}
        </h1>
        <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
          <div>
            <dt className="text-sm text-slate-600">{t("departure.departs", { airport: departure.origin.iata })}</dt>
            <dd data-testid="departure-departs">
              <time dateTime={departure.departs_at}>{when(departure.departs_at, departure.departure_timezone)}</time>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("departure.arrives", { airport: departure.destination.iata })}</dt>
            <dd data-testid="departure-arrives">
              <time dateTime={departure.arrives_at}>{when(departure.arrives_at, departure.arrival_timezone)}</time>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("departure.status")}</dt>
            <dd>
              <StatusBadge status={departure.status} label={statusLabel(t, departure.status)} testId="departure-status" />
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("departure.aircraft")}</dt>
            <dd data-testid="departure-aircraft">{departure.aircraft.model}</dd>
          </div>
        </dl>
        <p className="text-sm text-slate-600">{t("departure.timesNote")}</p>
      </header>
      <section aria-labelledby="occupancy-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="occupancy-title" className="text-lg font-semibold">
          {t("departure.occupancy")}
        </h2>
        <ul className="flex flex-wrap gap-4" data-testid="seats-left">
          {Object.entries(departure.seats_left).map(([cabin, left]) => (
            <li key={cabin} data-cabin={cabin} data-count={left}>
              {t("departure.seatsLeft", { cabin: cabinLabel(t, cabin), count: String(left) })}
            </li>
          ))}
        </ul>
        {seatMap ? <ReadOnlySeatMap map={seatMap} /> : <p role="alert">{t("departure.seatMapFailed")}</p>}
      </section>
    </>
  );
}

function ReadOnlySeatMap({ map }: { map: SeatMap }) {
  const t = useTranslations();
  return (
    <div className="overflow-x-auto" data-testid="departure-seat-map">
      <h3 className="sr-only">{t("departure.seatMap")}</h3>
      {map.cabins.map((cabin) => (
        <div key={cabin.cabin} className="mb-3" data-cabin={cabin.cabin}>
          <p className="mb-1 text-sm font-medium text-slate-700">{cabinLabel(t, cabin.cabin)}</p>
          <table className="border-separate border-spacing-1">
            <tbody>
              {seatRows(cabin).map((row) => (
                <tr key={row.row}>
                  <th scope="row" className="w-8 pr-1 text-right text-xs font-normal text-slate-600">
                    {row.row}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={i} className="p-0">
                      {cell.kind === "seat" ? (
                        <span
                          role="img"
                          data-seat={cell.seat.code}
                          data-available={cell.seat.available}
                          aria-label={t("departure.seatLabel", { code: cell.seat.code, state: cell.seat.available ? t("departure.free") : t("departure.taken") })}
                          className={`flex h-7 w-7 items-center justify-center rounded border-2 text-xs ${
                            cell.seat.available ? "border-green-600 bg-white" : "border-slate-500 bg-slate-400 text-white"
                          }`}
                        >
                          {cell.seat.letter}
                        </span>
                      ) : (
                        <span className="block w-4" aria-hidden="true" />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <ul className="flex gap-4 text-xs text-slate-700">
        <li className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-4 w-4 rounded border-2 border-green-600 bg-white" />
          {t("departure.legendFree")}
        </li>
        <li className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-4 w-4 rounded border-2 border-slate-500 bg-slate-400" />
          {t("departure.legendTaken")}
        </li>
      </ul>
    </div>
  );
}
