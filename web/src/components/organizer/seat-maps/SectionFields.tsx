"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import type { RowDraft, SectionDraft } from "@/lib/seating/drawing-form";

import { Field, inputClass, secondaryButtonClass } from "../form-controls";
import { RowsTable } from "./RowsTable";

type SectionField = "code" | "name" | "zone" | "x" | "y";

/** One section: its code, name, price zone and place on the grid, and its rows. */
export function SectionFields({
  section,
  index,
  disabled,
  invalid,
  canRemove,
  onChange,
  onRemove,
  onAddRow,
  onChangeRow,
  onRemoveRow,
}: {
  section: SectionDraft;
  index: number;
  disabled: boolean;
  /** `${sectionKey}:${rowKey or ""}:${field}` of the fields that cannot be read. */
  invalid: ReadonlySet<string>;
  canRemove: boolean;
  onChange: (change: Partial<Record<SectionField, string>>) => void;
  onRemove: () => void;
  onAddRow: () => void;
  onChangeRow: (rowKey: number, change: Partial<Omit<RowDraft, "key">>) => void;
  onRemoveRow: (rowKey: number) => void;
}) {
  const t = useTranslations();
  const id = useId();
  const title = section.code.trim() || String(index + 1);
  const bad = (field: string) => invalid.has(`${section.key}::${field}`);
  const rowsInvalid = new Set(
    [...invalid].flatMap((key) => {
      const [sectionKey, rowKey, field] = key.split(":");
      return sectionKey === String(section.key) && rowKey ? [`${rowKey}:${field}`] : [];
    }),
  );
  const text = (field: SectionField, label: string, problem: string, extra: { hint?: string; upper?: boolean; numeric?: boolean } = {}) => (
    <Field id={`${id}-${field}`} label={label}>
      <input
        id={`${id}-${field}`}
        disabled={disabled}
        aria-invalid={bad(problem)}
        aria-describedby={extra.hint ? `${id}-${field}-hint` : undefined}
        inputMode={extra.numeric ? "numeric" : undefined}
        className={`${inputClass} aria-[invalid=true]:border-red-600`}
        value={section[field]}
        onChange={(e) => onChange({ [field]: extra.upper ? e.target.value.toUpperCase() : e.target.value })}
      />
      {extra.hint && (
        <p id={`${id}-${field}-hint`} className="mt-1 text-xs text-slate-600">
          {extra.hint}
        </p>
      )}
    </Field>
  );

  return (
    <fieldset className="min-w-0 space-y-3 rounded border border-slate-200 p-3" data-testid="section-fields">
      <legend className="px-1 font-semibold">{t("seatMaps.editor.section", { section: title })}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {text("code", t("seatMaps.field.code"), "code", { hint: t("seatMaps.editor.codeHint"), upper: true })}
        {text("name", t("seatMaps.field.sectionName"), "sectionName")}
        {text("zone", t("seatMaps.field.zone"), "zone", { hint: t("seatMaps.editor.zoneHint") })}
        {text("x", t("seatMaps.field.x"), "x", { hint: t("seatMaps.editor.xHint"), numeric: true })}
        {text("y", t("seatMaps.field.y"), "y", { hint: t("seatMaps.editor.yHint"), numeric: true })}
      </div>
      <p className="text-xs text-slate-600">{t("seatMaps.editor.rowsHint")}</p>
      <RowsTable rows={section.rows} disabled={disabled} invalid={rowsInvalid} onChange={onChangeRow} onRemove={onRemoveRow} />
      {!disabled && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={secondaryButtonClass} onClick={onAddRow} data-testid="add-row">
            {t("seatMaps.editor.addRow")}
          </button>
          {canRemove && (
            <button type="button" className={secondaryButtonClass} onClick={onRemove} aria-label={t("seatMaps.editor.removeSection", { section: title })}>
              {t("seatMaps.editor.removeSectionShort")}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}
