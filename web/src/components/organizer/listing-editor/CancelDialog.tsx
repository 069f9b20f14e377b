"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";

import { dangerButtonClass, Field, inputClass } from "../form-controls";
import { EditorDialog } from "./EditorDialog";

/** A "Cancel …" button that asks for confirmation and an optional reason in a modal dialog. */
export function CancelDialog({
  trigger,
  testId,
  title,
  body,
  busy,
  disabled,
  small = false,
  onConfirm,
}: {
  trigger: string;
  testId: string;
  title: string;
  body: ReactNode;
  busy: boolean;
  disabled: boolean;
  small?: boolean;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");

  async function confirm() {
    // Close either way: on failure the error shows next to the section that owns the action.
    await onConfirm(reason);
    setOpen(false);
    setReason("");
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button
          type="button"
          data-testid={testId}
          disabled={disabled}
          className={small ? "rounded px-1 text-red-700 underline disabled:opacity-60" : dangerButtonClass}
        >
          {trigger}
        </button>
      }
      title={title}
      description={body}
      busy={busy}
      closeLabel={t("org.editor.keep")}
      submitLabel={busy ? t("org.editor.cancelling") : t("org.editor.confirmCancel")}
      submitTestId={`${testId}-confirm`}
      onSubmit={confirm}
    >
      <Field id={`${id}-reason`} label={t("org.editor.reason")}>
        <input
          id={`${id}-reason`}
          maxLength={300}
          aria-describedby={`${id}-reason-hint`}
          className={inputClass}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id={`${id}-reason-hint`} className="mt-1 text-sm text-slate-600">
          {t("org.editor.reasonOptional")}
        </p>
      </Field>
    </EditorDialog>
  );
}
