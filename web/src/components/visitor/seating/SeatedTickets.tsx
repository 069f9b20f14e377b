"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { seatCodeName, seatName } from "@/components/seating/seat-names";

import { BestAvailableFields } from "./BestAvailableFields";
import { SeatPicker } from "./SeatPicker";
import type { SeatedBooking, SeatingMode } from "./useSeatedBooking";

const MODES: SeatingMode[] = ["choose", "best"];

/** The tickets of a seated session: seats chosen on the map, or a count per zone for the best seats available. */
export function SeatedTickets({ seating }: { seating: SeatedBooking }) {
  const t = useTranslations();
  const id = useId();
  const byCode = new Map(seating.seats.map((seat) => [seat.code, seat]));
  const name = (code: string) => {
    const seat = byCode.get(code);
    return seat ? seatName(t, seat) : seatCodeName(t, code);
  };

  return (
    <fieldset className="min-w-0 space-y-3" data-testid="seated-tickets">
      <legend className="mb-2 text-lg font-semibold">{t("event.tickets")}</legend>
      <div role="radiogroup" aria-label={t("seating.picker.modes")} className="flex flex-wrap gap-2">
        {MODES.map((mode) => (
          <label
            key={mode}
            htmlFor={`${id}-${mode}`}
            className="flex cursor-pointer items-center gap-2 rounded border border-slate-300 px-3 py-1.5 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50"
          >
            <input
              type="radio"
              id={`${id}-${mode}`}
              name={`${id}-mode`}
              data-testid={`seat-mode-${mode}`}
              checked={seating.mode === mode}
              onChange={() => seating.setMode(mode)}
              className="h-4 w-4 accent-blue-700"
            />
            {mode === "choose" ? t("seating.picker.modeChoose") : t("seating.picker.modeBest")}
          </label>
        ))}
      </div>

      {seating.justTaken.length > 0 && (
        <p role="alert" data-testid="seats-just-taken" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {t("seating.picker.justTaken", { seats: seating.justTaken.map(name).join("; ") })}
        </p>
      )}
      {seating.loading && !seating.map && (
        <p role="status" className="text-sm text-slate-600">
          {t("seating.picker.loading")}
        </p>
      )}
      {seating.failed && (
        <p role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-700">
          {t("seating.picker.loadError")}
          <button type="button" className="rounded border border-slate-300 px-3 py-1 text-slate-800" onClick={() => void seating.reload()}>
            {t("common.retry")}
          </button>
        </p>
      )}
      {seating.map && (seating.mode === "choose" ? <SeatPicker seating={seating} /> : <BestAvailableFields seating={seating} />)}
    </fieldset>
  );
}
