"use client";

import { useTranslations } from "next-intl";

import { Field, inputClass } from "../form-controls";

/** Whether ticket holders may give their tickets to someone else, and until how many hours before the start. */
export function TransferSettingsFields({
  id,
  enabled,
  cutoff,
  disabled,
  onEnabledChange,
  onCutoffChange,
}: {
  id: string;
  enabled: boolean;
  cutoff: string;
  disabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  onCutoffChange: (cutoff: string) => void;
}) {
  const t = useTranslations();
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          className="h-4 w-4"
          data-testid="transfers-enabled"
          disabled={disabled}
          checked={enabled}
          onChange={(e) => onEnabledChange(e.target.checked)}
        />
        {t("transfers.organizer.enabled")}
      </label>
      <Field id={`${id}-cutoff`} label={t("transfers.organizer.cutoff")}>
        <input
          id={`${id}-cutoff`}
          type="number"
          inputMode="numeric"
          min={0}
          max={720}
          step={1}
          disabled={disabled || !enabled}
          aria-describedby={`${id}-cutoff-hint`}
          className={`${inputClass} max-w-40`}
          value={cutoff}
          onChange={(e) => onCutoffChange(e.target.value)}
        />
        <p id={`${id}-cutoff-hint`} className="mt-1 text-sm text-slate-600">
          {t("transfers.organizer.cutoffHint")}
        </p>
      </Field>
    </div>
  );
}
