"use client";

import { useTranslations } from "next-intl";

import type { FareDraft } from "@/lib/flights/fares";
import { CABIN_CLASSES, type CabinClass } from "@/lib/flights/seat-map";
import { CURRENCIES } from "@/lib/money";

import { Field, inputClass } from "../form-controls";
import { cabinLabel } from "./labels";

/** A fare's name, cabin, price (major units), currency, conditions and bags. */
export function FareFields({
  draft,
  idPrefix,
  cabins = CABIN_CLASSES,
  onChange,
}: {
  draft: FareDraft;
  idPrefix: string;
  cabins?: readonly CabinClass[];
  onChange: (next: FareDraft) => void;
}) {
  const t = useTranslations();
  const id = (name: string) => `${idPrefix}-${draft.key}-${name}`;
  const bags = (name: "cabinBags" | "checkedBags", label: string) => (
    <Field id={id(name)} label={label}>
      <input
        id={id(name)}
        type="number"
        min={0}
        max={5}
        step={1}
        className={inputClass}
        value={draft[name]}
        onChange={(e) => onChange({ ...draft, [name]: e.target.value })}
      />
    </Field>
  );
  const check = (name: "refundable" | "changeable", label: string) => (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        className="h-4 w-4"
        checked={draft[name]}
        onChange={(e) => onChange({ ...draft, [name]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-4">
        <Field id={id("name")} label={t("carrier.fare.name")}>
          <input
            id={id("name")}
            maxLength={100}
            className={inputClass}
            value={draft.name}
            onChange={(e) => onChange({ ...draft, name: e.target.value })}
          />
        </Field>
        <Field id={id("cabin")} label={t("carrier.fare.cabin")}>
          <select
            id={id("cabin")}
            className={inputClass}
            value={draft.cabin}
            onChange={(e) => onChange({ ...draft, cabin: e.target.value as CabinClass })}
          >
            {cabins.map((cabin) => (
              <option key={cabin} value={cabin}>
                {cabinLabel(t, cabin)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("price")} label={t("carrier.fare.price")}>
          <input
            id={id("price")}
            inputMode="decimal"
            aria-describedby={id("price-hint")}
            className={inputClass}
            value={draft.price}
            onChange={(e) => onChange({ ...draft, price: e.target.value })}
          />
        </Field>
        <Field id={id("currency")} label={t("carrier.fare.currency")}>
          <select
            id={id("currency")}
            className={inputClass}
            value={draft.currency}
            onChange={(e) => onChange({ ...draft, currency: e.target.value })}
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p id={id("price-hint")} className="text-sm text-slate-600">
        {t("carrier.fare.priceHint")}
      </p>
      <div className="grid items-end gap-3 sm:grid-cols-4">
        {bags("cabinBags", t("carrier.fare.cabinBags"))}
        {bags("checkedBags", t("carrier.fare.checkedBags"))}
        {check("refundable", t("carrier.fare.refundable"))}
        {check("changeable", t("carrier.fare.changeable"))}
      </div>
    </div>
  );
}

/** The message for what fareBody found wrong. */
export function fareProblemKey(problem: "required" | "badPrice" | "badBags") {
  return problem === "required" ? "carrier.routeForm.required" : problem === "badPrice" ? "carrier.fare.badPrice" : "carrier.fare.badBags";
}
