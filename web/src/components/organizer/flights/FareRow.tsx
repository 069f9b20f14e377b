"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";

import { toLang } from "@/i18n/catalogue";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { readBags } from "@/lib/flights/fares";
import { formatMoney, fromMinorUnits, toMinorUnits } from "@/lib/money";

import { buttonClass, inputClass, secondaryButtonClass } from "../form-controls";
import { cabinLabel } from "./labels";
import type { RouteActions } from "./useRouteActions";

type FareRead = components["schemas"]["FareRead"];
type FareUpdate = components["schemas"]["FareUpdate"];

const small = `${inputClass} !mt-0 !px-2 !py-1 text-sm`;

/** One fare as a table row; "Edit" turns the row into inputs saved with PATCH /flights/fares/{id}. */
export function FareRow({ fare, actions, readOnly }: { fare: FareRead; actions: RouteActions; readOnly: boolean }) {
  const t = useTranslations();
  const lang = toLang(useLocale());
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(() => toDraft(fare));
  const yesNo = (value: boolean) => (value ? t("carrier.fare.yes") : t("carrier.fare.no"));

  async function save() {
    const price = toMinorUnits(draft.price, fare.currency);
    if (!draft.name.trim() || price === null) return actions.fail("fares", t(price === null ? "carrier.fare.badPrice" : "carrier.fares.required"));
    const cabinBags = readBags(draft.cabinBags);
    const checkedBags = readBags(draft.checkedBags);
    if (cabinBags === null || checkedBags === null) return actions.fail("fares", t("carrier.fare.badBags"));
    const body: FareUpdate = {
      name: draft.name.trim(),
      price,
      is_active: draft.isActive,
      refundable: draft.refundable,
      changeable: draft.changeable,
      cabin_bags: cabinBags,
      checked_bags: checkedBags,
    };
    const { failure } = await actions.run(
      `fare-${fare.id}`,
      "fares",
      () => api.PATCH("/api/v1/flights/fares/{fare_id}", { params: { path: { fare_id: fare.id } }, body }),
      () => t("carrier.fares.saved"),
    );
    if (failure === null) setEditing(false);
  }

  if (!editing) {
    return (
      <tr data-testid="fare-row">
        <th scope="row" className="p-2 font-medium">{fare.name}</th>
        <td className="p-2">{cabinLabel(t, fare.cabin)}</td>
        <td className="p-2 text-right tabular-nums">{formatMoney(fare.price, fare.currency, lang)}</td>
        <td className="p-2">{yesNo(fare.is_active)}</td>
        <td className="p-2">{yesNo(fare.refundable)}</td>
        <td className="p-2">{yesNo(fare.changeable)}</td>
        <td className="p-2">{t("carrier.fares.bags", { cabin: String(fare.cabin_bags), checked: String(fare.checked_bags) })}</td>
        <td className="p-2">
          {readOnly ? null : (
            <button
              type="button"
              className="text-blue-800 underline"
              aria-label={t("carrier.fares.editLabel", { name: fare.name })}
              disabled={actions.pending}
              onClick={() => {
                setDraft(toDraft(fare));
                setEditing(true);
              }}
            >
              {t("carrier.fares.edit")}
            </button>
          )}
        </td>
      </tr>
    );
  }

  const check = (name: "isActive" | "refundable" | "changeable", label: string) => (
    <td className="p-2">
      <input type="checkbox" aria-label={label} className="h-4 w-4" checked={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.checked })} />
    </td>
  );
  return (
    <tr data-testid="fare-row-editing" className="bg-blue-50/50">
      <th scope="row" className="p-2">
        <input aria-label={t("carrier.fare.name")} className={small} maxLength={100} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </th>
      <td className="p-2">{cabinLabel(t, fare.cabin)}</td>
      <td className="p-2">
        <label htmlFor={`${id}-price`} className="sr-only">{`${t("carrier.fare.price")} (${fare.currency})`}</label>
        <input id={`${id}-price`} inputMode="decimal" className={`${small} w-28`} value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} />
      </td>
      {check("isActive", t("carrier.fare.active"))}
      {check("refundable", t("carrier.fare.refundable"))}
      {check("changeable", t("carrier.fare.changeable"))}
      <td className="p-2">
        <div className="flex gap-1">
          <input aria-label={t("carrier.fare.cabinBags")} type="number" min={0} max={5} className={`${small} w-14`} value={draft.cabinBags} onChange={(e) => setDraft({ ...draft, cabinBags: e.target.value })} />
          <input aria-label={t("carrier.fare.checkedBags")} type="number" min={0} max={5} className={`${small} w-14`} value={draft.checkedBags} onChange={(e) => setDraft({ ...draft, checkedBags: e.target.value })} />
        </div>
      </td>
      <td className="p-2">
        <div className="flex gap-1">
          <button type="button" className={`${buttonClass} !px-2 !py-1 text-sm`} disabled={actions.pending} onClick={() => void save()}>
            {actions.busy === `fare-${fare.id}` ? t("carrier.fares.saving") : t("carrier.fares.save")}
          </button>
          <button type="button" className={`${secondaryButtonClass} !px-2 !py-1 text-sm`} onClick={() => setEditing(false)}>
            {t("carrier.fares.cancelEdit")}
          </button>
        </div>
      </td>
    </tr>
  );
}

function toDraft(fare: FareRead) {
  return {
    name: fare.name,
    price: fromMinorUnits(fare.price, fare.currency),
    isActive: fare.is_active,
    refundable: fare.refundable,
    changeable: fare.changeable,
    cabinBags: String(fare.cabin_bags),
    checkedBags: String(fare.checked_bags),
  };
}
