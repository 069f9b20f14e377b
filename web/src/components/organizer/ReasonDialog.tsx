"use client";

import { useId, useState, type ReactNode } from "react";

import { dangerButtonClass, Field, inputClass } from "./form-controls";
import { EditorDialog } from "./listing-editor/EditorDialog";

export type ReasonDialogLabels = { keep: string; confirm: string; busy: string; reason: string; hint: string };

/**
 * A destructive button ("Cancel …", "Reject …") that asks for confirmation and an optional reason in a modal
 * dialog. `onConfirm` returns an error to show in the dialog (it stays open), or nothing to close it.
 * `children` go above the reason (a refund quote, say); `onOpenChange` tells when it opens.
 */
export function ReasonDialog({
  trigger,
  triggerLabel,
  testId,
  title,
  body,
  labels,
  busy,
  disabled,
  small = false,
  onConfirm,
  onOpenChange,
  children,
}: {
  trigger: string;
  triggerLabel?: string;
  testId: string;
  title: string;
  body: ReactNode;
  labels: ReasonDialogLabels;
  busy: boolean;
  disabled: boolean;
  small?: boolean;
  onConfirm: (reason: string) => Promise<string | null | void>;
  onOpenChange?: (open: boolean) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  function change(next: boolean) {
    setOpen(next);
    setError(null);
    if (!next) setReason("");
    onOpenChange?.(next);
  }

  async function confirm() {
    const failure = await onConfirm(reason.trim());
    if (typeof failure === "string") setError(failure);
    else change(false);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={change}
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
      closeLabel={labels.keep}
      submitLabel={busy ? labels.busy : labels.confirm}
      submitTestId={`${testId}-confirm`}
      onSubmit={confirm}
    >
      {children}
      <Field id={`${id}-reason`} label={labels.reason}>
        <input
          id={`${id}-reason`}
          maxLength={300}
          aria-describedby={`${id}-reason-hint`}
          className={inputClass}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id={`${id}-reason-hint`} className="mt-1 text-sm text-slate-600">
          {labels.hint}
        </p>
      </Field>
    </EditorDialog>
  );
}
