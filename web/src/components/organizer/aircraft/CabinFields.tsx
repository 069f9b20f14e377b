"use client";

import { useTranslations } from "next-intl";

import { CABIN_CLASSES, type CabinClass } from "@/lib/flights/seat-map";

import { cabinLabel } from "../flights/labels";
import { Field, inputClass } from "../form-controls";

/** A cabin as typed: rows stay text until the preview reads them. */
export type CabinDraft = { key: number; cabin: CabinClass; firstRow: string; lastRow: string; layout: string };

/** One cabin's class, rows and layout, with a button that removes it. */
export function CabinFields({
  draft,
  number,
  idPrefix,
  canRemove,
  onChange,
  onRemove,
}: {
  draft: CabinDraft;
  number: number;
  idPrefix: string;
  canRemove: boolean;
  onChange: (next: CabinDraft) => void;
  onRemove: () => void;
}) {
  const t = useTranslations();
  const id = (name: string) => `${idPrefix}-${draft.key}-${name}`;
  return (
    <fieldset className="rounded border border-slate-200 p-3" data-testid="cabin-fields">
      <legend className="px-1 font-semibold">{t("carrier.builder.cabinLegend", { number: String(number) })}</legend>
      <div className="grid gap-3 sm:grid-cols-4">
        <Field id={id("class")} label={t("carrier.builder.cabin")}>
          <select
            id={id("class")}
            className={inputClass}
            value={draft.cabin}
            onChange={(e) => onChange({ ...draft, cabin: e.target.value as CabinClass })}
          >
            {CABIN_CLASSES.map((cabin) => (
              <option key={cabin} value={cabin}>
                {cabinLabel(t, cabin)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("first")} label={t("carrier.builder.firstRow")}>
          <input
            id={id("first")}
            inputMode="numeric"
            className={inputClass}
            value={draft.firstRow}
            onChange={(e) => onChange({ ...draft, firstRow: e.target.value })}
          />
        </Field>
        <Field id={id("last")} label={t("carrier.builder.lastRow")}>
          <input
            id={id("last")}
            inputMode="numeric"
            className={inputClass}
            value={draft.lastRow}
            onChange={(e) => onChange({ ...draft, lastRow: e.target.value })}
          />
        </Field>
        <Field id={id("layout")} label={t("carrier.builder.layout")}>
          <input
            id={id("layout")}
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${idPrefix}-layout-hint`}
            className={`${inputClass} font-mono uppercase`}
            value={draft.layout}
            onChange={(e) => onChange({ ...draft, layout: e.target.value.toUpperCase() })}
          />
        </Field>
      </div>
      {canRemove ? (
        <button type="button" onClick={onRemove} className="mt-2 text-sm text-red-700 underline">
          {t("carrier.builder.removeCabin", { number: String(number) })}
        </button>
      ) : null}
    </fieldset>
  );
}
