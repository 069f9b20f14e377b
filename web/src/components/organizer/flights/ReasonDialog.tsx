"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";

import { dangerButtonClass, Field, inputClass } from "../form-controls";
import { EditorDialog } from "../listing-editor/EditorDialog";

/** A "Cancel …" button that asks for confirmation and a reason (shown to passengers) in a modal dialog. */
export function ReasonDialog({
  trigger,
  triggerLabel,
  testId,
  title,
  body,
  busy,
  disabled,
  small = false,
  onConfirm,
}: {
  trigger: string;
  triggerLabel?: string;
  testId: string;
  title: string;
  body: ReactNode;
  busy: boolean;
  disabled: boolean;
  small?: boolean;
  onConfirm: (reason: string) => Promise<string | null>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    const failure = await onConfirm(reason.trim());
    if (failure === null) {
      setOpen(false);
      setReason("");
      setError(null);
    } else setError(failure);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
      trigger={
        <button
          type="button"
          data-testid={testId}
          aria-label={triggerLabel}
          disabled={disabled}
          className={small ? "rounded px-1 text-red-700 underline disabled:opacity-60" : dangerButtonClass}
        >
          {trigger}
        </button>
      }
      title={title}
      description={body}
      busy={busy}
      error={error}
      closeLabel={t("carrier.route.keep")}
      submitLabel={busy ? t("carrier.route.cancelling") : t("carrier.route.confirmCancel")}
      submitTestId={`${testId}-confirm`}
      onSubmit={confirm}
    >
      <Field id={`${id}-reason`} label={t("carrier.route.reason")}>
        <input
          id={`${id}-reason`}
          maxLength={300}
          aria-describedby={`${id}-reason-hint`}
          className={inputClass}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id={`${id}-reason-hint`} className="mt-1 text-sm text-slate-600">
          {t("carrier.route.reasonHint")}
        </p>
      </Field>
    </EditorDialog>
  );
}
