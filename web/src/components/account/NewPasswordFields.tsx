"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { inputClass } from "@/components/organizer/form-controls";
import type { NewPasswordProblems } from "@/lib/account/form-checks";

/** The new password and its repetition (form fields `new-password` and `confirmation`), with their problems. */
export function NewPasswordFields({ problems }: { problems: NewPasswordProblems }) {
  const t = useTranslations();
  const id = useId();
  const passwordError = problems.password ? t(`account.newPassword.${problems.password}`) : null;
  const confirmationError = problems.confirmation ? t("account.newPassword.mismatch") : null;
  return (
    <>
      <div>
        <label htmlFor={`${id}-password`} className="font-medium">
          {t("account.newPassword.password")}
        </label>
        <input
          id={`${id}-password`}
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={`${id}-password-hint${passwordError ? ` ${id}-password-error` : ""}`}
          className={inputClass}
        />
        <p id={`${id}-password-hint`} className="mt-1 text-sm text-slate-600">
          {t("account.newPassword.hint")}
        </p>
        {passwordError && (
          <p id={`${id}-password-error`} role="alert" data-testid="new-password-error" className="mt-1 text-sm text-red-700">
            {passwordError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-confirmation`} className="font-medium">
          {t("account.newPassword.confirm")}
        </label>
        <input
          id={`${id}-confirmation`}
          name="confirmation"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={confirmationError ? true : undefined}
          aria-describedby={confirmationError ? `${id}-confirmation-error` : undefined}
          className={inputClass}
        />
        {confirmationError && (
          <p id={`${id}-confirmation-error`} role="alert" data-testid="confirmation-error" className="mt-1 text-sm text-red-700">
            {confirmationError}
          </p>
        )}
      </div>
    </>
  );
}
