"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";

import { seatName, zoneName } from "@/components/seating/seat-names";
import { formatMoney } from "@/lib/money";

import type { SeatedBooking } from "./useSeatedBooking";

/** The chosen seats, in the order chosen: each with its zone and price, a ticket type when the zone has several. */
export function ChosenSeatList({ seating }: { seating: SeatedBooking }) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const byCode = new Map(seating.seats.map((seat) => [seat.code, seat]));

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-2">
      <h3 id={`${id}-h`} className="font-semibold">
        {t("seating.picker.chosenTitle", { count: String(seating.chosen.length) })}
      </h3>
      {seating.chosen.length === 0 ? (
        <p className="text-sm text-slate-600">{t("seating.picker.noneChosen")}</p>
      ) : (
        <ul data-testid="chosen-seats" className="divide-y divide-slate-100 rounded border border-slate-200">
          {seating.chosen.map((choice) => {
            const seat = byCode.get(choice.code);
            const name = seat ? seatName(t, seat) : choice.code;
            const prices = seating.offers.get(choice.zone)?.prices ?? [];
            const price = prices.find((p) => p.ticket_type_id === choice.ticketTypeId);
            const selectId = `${id}-${choice.code}`;
            return (
              <li key={choice.code} data-testid="chosen-seat" data-seat={choice.code} className="flex flex-wrap items-center justify-between gap-2 p-2 text-sm">
                <span className="min-w-0">
                  <span className="block font-medium">{name}</span>
                  <span className="block text-slate-600">{t("seating.picker.zone", { zone: zoneName(choice.zone) })}</span>
                </span>
                <span className="flex items-center gap-2">
                  {prices.length > 1 ? (
                    <>
                      <label htmlFor={selectId} className="sr-only">
                        {t("seating.picker.ticketType", { seat: name })}
                      </label>
                      <select
                        id={selectId}
                        data-testid="seat-ticket-type"
                        className="rounded border border-slate-300 bg-white px-2 py-1"
                        value={choice.ticketTypeId}
                        onChange={(e) => seating.setTicketType(choice.code, e.target.value)}
                      >
                        {prices.map((p) => (
                          <option key={p.ticket_type_id} value={p.ticket_type_id}>
                            {`${p.name} · ${formatMoney(p.price, p.currency, lang)}`}
                          </option>
                        ))}
                      </select>
                    </>
                  ) : (
                    <span>{price ? `${price.name} · ${formatMoney(price.price, price.currency, lang)}` : "—"}</span>
                  )}
                  <button
                    type="button"
                    className="rounded px-1 text-blue-800 underline"
                    aria-label={t("seating.picker.remove", { seat: name })}
                    onClick={() => seating.remove(choice.code)}
                  >
                    {t("seating.picker.removeShort")}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
