"use client";

import { useTranslations } from "next-intl";

import type { DraftField, RowDraft } from "@/lib/seating/drawing-form";

type RowField = Exclude<keyof RowDraft, "key">;

// The row's fields, left to right, with the name of the problem field each one answers to.
const COLUMNS: { field: RowField; problem: DraftField; width: string; list?: boolean; numeric?: boolean }[] = [
  { field: "label", problem: "label", width: "w-16" },
  { field: "seats", problem: "seats", width: "w-16", numeric: true },
  { field: "first", problem: "first", width: "w-16", numeric: true },
  { field: "offset", problem: "offset", width: "w-16", numeric: true },
  { field: "aislesAfter", problem: "aislesAfter", width: "w-28", list: true },
  { field: "accessible", problem: "accessible", width: "w-28", list: true },
  { field: "blocked", problem: "blocked", width: "w-28", list: true },
  { field: "zone", problem: "rowZone", width: "w-28" },
];

const cellInput = "block rounded border border-slate-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

/** A section's rows, one per line: label, seats, first number, indent, aisles, wheelchair and blocked seats, zone. */
export function RowsTable({
  rows,
  disabled,
  invalid,
  onChange,
  onRemove,
}: {
  rows: readonly RowDraft[];
  disabled: boolean;
  /** `${rowKey}:${field}` of the fields that cannot be read. */
  invalid: ReadonlySet<string>;
  onChange: (rowKey: number, change: Partial<Omit<RowDraft, "key">>) => void;
  onRemove: (rowKey: number) => void;
}) {
  const t = useTranslations();
  return (
    <div className="-mx-1 overflow-x-auto px-1 contain-inline-size">
      <table className="text-left text-sm">
        <thead className="text-slate-600">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.field} scope="col" className="pr-2 pb-1 font-medium whitespace-nowrap">
                {t(`seatMaps.field.${column.problem}`)}
              </th>
            ))}
            <th scope="col" className="pb-1">
              <span className="sr-only">{t("seatMaps.editor.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const name = row.label.trim() || String(index + 1);
            return (
              <tr key={row.key} data-testid="row-fields">
                {COLUMNS.map((column) => (
                  <td key={column.field} className="pr-2 pb-1">
                    <input
                      aria-label={t("seatMaps.editor.rowField", { field: t(`seatMaps.field.${column.problem}`), row: name })}
                      aria-invalid={invalid.has(`${row.key}:${column.problem}`)}
                      inputMode={column.numeric ? "numeric" : undefined}
                      placeholder={column.field === "zone" ? t("seatMaps.editor.zoneInherited") : column.list ? "1, 2" : undefined}
                      disabled={disabled}
                      className={`${cellInput} ${column.width}`}
                      value={row[column.field]}
                      onChange={(e) => onChange(row.key, { [column.field]: e.target.value })}
                    />
                  </td>
                ))}
                <td className="pb-1">
                  {!disabled && (
                    <button
                      type="button"
                      className="rounded px-1 text-red-700 underline disabled:opacity-50"
                      aria-label={t("seatMaps.editor.removeRow", { row: name })}
                      disabled={rows.length <= 1}
                      onClick={() => onRemove(row.key)}
                    >
                      {t("seatMaps.editor.remove")}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
