"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { secondaryButtonClass } from "@/components/organizer/form-controls";
import { assignSeat, seatRefusal, seatRows, type PassengerType, type SeatMapSeat, type SeatRefusal } from "@/lib/flights/seat-picker";

import { cabinLabel } from "../labels";
import type { SeatMapState } from "./useSeatMaps";

export type PickerPassenger = { name: string; type: PassengerType };

/**
 * One leg's seat map: choose whom you seat, then a seat. Only the order's cabin is selectable; exit rows are
 * refused for children with a notice; "No preference" leaves the choice to the server.
 */
export function SeatMapPicker({
  leg,
  title,
  orderCabin,
  state,
  passengers,
  choices,
  onChange,
  conflicts,
  message,
  onReload,
  noChoiceLabel,
}: {
  leg: number;
  title: string;
  orderCabin: string;
  state: SeatMapState;
  passengers: PickerPassenger[];
  choices: (string | null)[];
  onChange: (choices: (string | null)[]) => void;
  /** Seats the server refused in the last attempt. */
  conflicts: ReadonlySet<string>;
  message: string | null;
  onReload: () => void;
  /** What a passenger without a chosen seat gets ("No preference" when booking, "Keep current seat" later). */
  noChoiceLabel?: string;
}) {
  const t = useTranslations();
  const noChoice = noChoiceLabel ?? t("flights.seats.noPreference");
  const [active, setActive] = useState(0);
  const [notice, setNotice] = useState<SeatRefusal | null>(null);
  const current = passengers[active];
  const hasChild = passengers.some((p) => p.type === "child");

  function pick(seat: SeatMapSeat, seatCabin: string) {
    if (!current) return;
    if (choices[active] === seat.code) {
      onChange(assignSeat(choices, active, null));
      return;
    }
    const takenByOthers = new Set(choices.filter((code, i): code is string => code !== null && i !== active));
    const refusal = seatRefusal(seat, { seatCabin, orderCabin, passengerType: current.type, takenByOthers });
    setNotice(refusal);
    if (refusal) return;
    onChange(assignSeat(choices, active, seat.code));
    const next = choices.findIndex((code, i) => i > active && code === null);
    if (next >= 0) setActive(next);
  }

  function seatState(seat: SeatMapSeat, seatCabin: string): string {
    const owner = choices.indexOf(seat.code);
    if (owner >= 0) return t("flights.seats.state.yours", { name: passengers[owner]?.name ?? String(owner + 1) });
    if (conflicts.has(seat.code)) return t("flights.seats.state.conflict");
    if (seatCabin !== orderCabin) return t("flights.seats.state.otherCabin");
    return seat.available ? t("flights.seats.state.free") : t("flights.seats.state.taken");
  }

  return (
    <section aria-labelledby={`seats-leg-${leg}`} data-testid={`seat-map-leg-${leg}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`seats-leg-${leg}`} className="text-lg font-semibold">
        {title}
      </h3>
      <fieldset>
        <legend className="text-sm font-medium">{t("flights.seats.choosingFor")}</legend>
        <ul className="mt-1 flex flex-wrap gap-2">
          {passengers.map((passenger, index) => (
            <li key={index} className="flex items-center gap-2 rounded border border-slate-300 px-2 py-1">
              <label className="flex items-center gap-1">
                <input type="radio" name={`seat-for-${leg}`} checked={active === index} onChange={() => setActive(index)} data-testid={`seat-for-${leg}-${index + 1}`} />
                <span>{t("flights.seats.chosen", { name: passenger.name, seat: choices[index] ?? noChoice })}</span>
              </label>
              {choices[index] && (
                <button type="button" className="text-sm underline" onClick={() => onChange(assignSeat(choices, index, null))}>
                  {noChoice}
                </button>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {hasChild && <p className="text-sm text-amber-800">{t("flights.seats.exitNotice")}</p>}
      <div role="alert" data-testid={`seat-error-${leg}`} className="text-sm text-red-700 empty:hidden">
        {message ?? (notice ? t(`flights.seats.reason.${notice}`) : null)}
      </div>
      {state.loading && !state.map && <p role="status">{t("flights.seats.loading")}</p>}
      {state.failed && (
        <p role="alert" className="flex items-center gap-3 text-red-700">
          {t("flights.seats.loadError")}
          <button type="button" className={secondaryButtonClass} onClick={onReload}>
            {t("flights.seats.retry")}
          </button>
        </p>
      )}
      {state.map && (
        <div className="overflow-x-auto" aria-busy={state.loading}>
          {state.map.cabins.map((cabin) => (
            <div key={cabin.cabin} className="mb-4" data-cabin={cabin.cabin}>
              <p className="mb-1 text-sm font-medium text-slate-700">{cabinLabel(t, cabin.cabin)}</p>
              <table className="border-separate border-spacing-1">
                <tbody>
                  {seatRows(cabin).map((row) => (
                    <tr key={row.row} data-row={row.row}>
                      <th scope="row" className="w-8 pr-1 text-right text-xs font-normal text-slate-600">
                        <span className="sr-only">{t("flights.seats.row", { row: String(row.row) })}</span>
                        <span aria-hidden="true">{row.row}</span>
                        {row.exitRow && <span className="ml-0.5 font-bold text-amber-700" aria-hidden="true">E</span>}
                      </th>
                      {row.cells.map((cell, i) => (
                        <td key={i} className="p-0">
                          {cell.kind === "seat" ? (
                            <SeatButton
                              seat={cell.seat}
                              chosen={choices.includes(cell.seat.code)}
                              selectable={cabin.cabin === orderCabin && cell.seat.available}
                              conflict={conflicts.has(cell.seat.code)}
                              label={t("flights.seats.seatState", { code: cell.seat.code, state: seatState(cell.seat, cabin.cabin) })}
                              onPick={() => pick(cell.seat, cabin.cabin)}
                            />
                          ) : (
                            <span className="block w-5" aria-hidden="true" />
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          <Legend />
        </div>
      )}
    </section>
  );
}

function SeatButton({
  seat,
  chosen,
  selectable,
  conflict,
  label,
  onPick,
}: {
  seat: SeatMapSeat;
  chosen: boolean;
  selectable: boolean;
  conflict: boolean;
  label: string;
  onPick: () => void;
}) {
  const exit = seat.restrictions.includes("exit_row");
  let style = "border-slate-300 bg-slate-200 text-slate-400 cursor-not-allowed";
  if (chosen) style = "border-blue-800 bg-blue-700 text-white";
  else if (conflict) style = "border-red-600 bg-red-100 text-red-800 line-through";
  else if (selectable) style = `${exit ? "border-amber-500" : "border-green-600"} bg-white text-slate-900 hover:bg-green-50`;
  return (
    <button
      type="button"
      data-seat={seat.code}
      data-available={seat.available}
      aria-pressed={chosen}
      aria-label={label}
      title={label}
      disabled={!selectable && !chosen}
      onClick={onPick}
      className={`h-8 w-8 rounded border-2 text-xs font-medium ${seat.extra_legroom ? "border-b-4" : ""} ${style}`}
    >
      {seat.letter}
    </button>
  );
}

function Legend() {
  const t = useTranslations();
  const items: [string, string][] = [
    ["border-green-600 bg-white", t("flights.seats.legend.free")],
    ["border-slate-300 bg-slate-200", t("flights.seats.legend.taken")],
    ["border-blue-800 bg-blue-700", t("flights.seats.legend.selected")],
    ["border-amber-500 bg-white", t("flights.seats.legend.exitRow")],
    ["border-green-600 border-b-4 bg-white", t("flights.seats.legend.extraLegroom")],
  ];
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-slate-700">
      {items.map(([style, text]) => (
        <li key={text} className="flex items-center gap-1">
          <span aria-hidden="true" className={`inline-block h-4 w-4 rounded border-2 ${style}`} />
          {text}
        </li>
      ))}
    </ul>
  );
}
