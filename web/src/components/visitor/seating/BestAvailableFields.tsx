"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";

import { zoneName } from "@/components/seating/seat-names";
import { formatMoney } from "@/lib/money";

import type { SeatedBooking } from "./useSeatedBooking";

/** "Best available": how many tickets of each price, per zone; the server seats them together, front rows first. */
export function BestAvailableFields({ seating }: { seating: SeatedBooking }) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const zones = seating.map?.zones ?? [];

  return (
    <div className="space-y-4" data-testid="best-available">
      <p className="text-sm text-slate-600">{t("seating.picker.bestHint")}</p>
      {zones.map((offer) => (
        <fieldset key={offer.zone} data-zone={offer.zone} className="space-y-2 rounded border border-slate-200 p-3">
          <legend className="px-1 font-medium">{zoneName(offer.zone)}</legend>
          <p className="text-sm text-slate-600">
            {t("seating.picker.zoneFree", { available: String(offer.available), seats: String(offer.seats) })}
          </p>
          {offer.prices.length === 0 && <p className="text-sm text-slate-600">{t("seating.map.notOnSale")}</p>}
          {offer.prices.map((price) => {
            const inputId = `${id}-${price.ticket_type_id}`;
            const max = Math.min(seating.limits.get(price.ticket_type_id) ?? 10, offer.available);
            return (
              <div key={price.ticket_type_id} className="flex items-center justify-between gap-3">
                <label htmlFor={inputId} className="min-w-0">
                  <span className="block font-medium">{price.name}</span>
                  <span className="block text-sm text-slate-600">{formatMoney(price.price, price.currency, lang)}</span>
                </label>
                <input
                  id={inputId}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={Math.max(max, 0)}
                  step={1}
                  disabled={offer.available === 0}
                  value={seating.best[price.ticket_type_id] ?? 0}
                  onChange={(e) => {
                    const parsed = Number.parseInt(e.target.value, 10);
                    seating.setBest(price.ticket_type_id, Number.isNaN(parsed) ? 0 : Math.max(0, Math.min(Math.max(max, 0), parsed)));
                  }}
                  className="w-20 rounded border border-slate-300 px-2 py-1.5 text-right focus-visible:ring-2 focus-visible:ring-blue-500 disabled:bg-slate-100"
                />
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
