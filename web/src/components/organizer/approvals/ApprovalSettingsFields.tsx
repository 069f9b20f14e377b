"use client";

import { useTranslations } from "next-intl";

import { HOLD_MAX_MINUTES } from "@/lib/approvals/settings";

import { Field, inputClass } from "../form-controls";

/**
 * Whether every ticket of the listing is sold on the organizer's approval, and how many minutes a request
 * holds its seats while the organizer decides (for every request of the listing, so it stays editable).
 */
export function ApprovalSettingsFields({
  id,
  required,
  holdMinutes,
  disabled,
  onRequiredChange,
  onHoldMinutesChange,
}: {
  id: string;
  required: boolean;
  holdMinutes: string;
  disabled: boolean;
  onRequiredChange: (required: boolean) => void;
  onHoldMinutesChange: (minutes: string) => void;
}) {
  const t = useTranslations();
  return (
    <fieldset className="space-y-3" data-testid="approval-settings">
      <legend className="sr-only">{t("approvalDesk.title")}</legend>
      <div>
        <div className="flex items-center gap-2">
          <input
            id={`${id}-required`}
            type="checkbox"
            className="h-4 w-4"
            data-testid="approval-required"
            aria-describedby={`${id}-required-hint`}
            disabled={disabled}
            checked={required}
            onChange={(e) => onRequiredChange(e.target.checked)}
          />
          <label htmlFor={`${id}-required`} className="font-medium">
            {t("approvalDesk.settings.required")}
          </label>
        </div>
        <p id={`${id}-required-hint`} className="mt-1 text-sm text-slate-600">
          {t("approvalDesk.settings.requiredHint")}
        </p>
      </div>
      <Field id={`${id}-hold`} label={t("approvalDesk.settings.hold")}>
        <input
          id={`${id}-hold`}
          type="number"
          inputMode="numeric"
          min={0}
          max={HOLD_MAX_MINUTES}
          step={1}
          data-testid="approval-hold-minutes"
          disabled={disabled}
          aria-describedby={`${id}-hold-hint`}
          className={`${inputClass} max-w-40`}
          value={holdMinutes}
          onChange={(e) => onHoldMinutesChange(e.target.value)}
        />
        <p id={`${id}-hold-hint`} className="mt-1 text-sm text-slate-600">
          {t("approvalDesk.settings.holdHint")}
        </p>
      </Field>
    </fieldset>
  );
}
