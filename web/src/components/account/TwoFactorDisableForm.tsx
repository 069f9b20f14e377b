"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { dangerButtonClass, inputClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { typedCode } from "@/lib/account/two-factor";
import { api } from "@/lib/api/client";

import { accountErrorText, apiErrorCode } from "./errors";

type Problems = { password: "required" | "wrong" | null; code: "required" | "wrong" | null };
const NO_PROBLEMS: Problems = { password: null, code: null };

/** POST /auth/2fa/disable: the password and a code from the app, or a recovery code. */
export function TwoFactorDisableForm({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const t = useTranslations();
  const id = useId();
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const code = typedCode(String(form.get("code") ?? ""));
    const found: Problems = { password: password ? null : "required", code: code ? null : "required" };
    setProblems(found);
    setError(null);
    if (found.password || found.code) return;
    setBusy(true);
    try {
      const { response, error: failure } = await api.POST("/api/v1/auth/2fa/disable", { body: { password, code } });
      const failureCode = apiErrorCode(failure);
      if (response.ok) {
        onDisabled();
        return;
      }
      if (failureCode === "invalid_credentials") setProblems({ password: "wrong", code: null });
      else if (failureCode === "invalid_code") setProblems({ password: null, code: "wrong" });
      else setError(accountErrorText(t, failure));
    } catch {
      setError(accountErrorText(t, null));
    }
    setBusy(false);
  }

  const passwordError =
    problems.password === "required" ? t("account.twoFactor.passwordRequired") : problems.password === "wrong" ? t("account.twoFactor.wrongPassword") : null;
  const codeError =
    problems.code === "required" ? t("account.twoFactor.offCodeRequired") : problems.code === "wrong" ? t("account.twoFactor.offCodeWrong") : null;

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4" data-testid="two-factor-disable-form">
      <p className="text-sm text-slate-700">{t("account.twoFactor.turnOffIntro")}</p>
      <div>
        <label htmlFor={`${id}-password`} className="font-medium">
          {t("account.twoFactor.password")}
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? `${id}-password-error` : undefined}
          className={inputClass}
        />
        {passwordError && (
          <p id={`${id}-password-error`} role="alert" className="mt-1 text-sm text-red-700">
            {passwordError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-code`} className="font-medium">
          {t("account.twoFactor.offCode")}
        </label>
        <input
          id={`${id}-code`}
          name="code"
          type="text"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          required
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? `${id}-code-error` : undefined}
          className={`${inputClass} font-mono`}
        />
        {codeError && (
          <p id={`${id}-code-error`} role="alert" className="mt-1 text-sm text-red-700">
            {codeError}
          </p>
        )}
      </div>
      <div aria-live="polite" className="text-sm empty:hidden">
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={busy} className={dangerButtonClass}>
          {busy ? t("account.twoFactor.turningOff") : t("account.twoFactor.turnOffSubmit")}
        </button>
        <button type="button" disabled={busy} onClick={onCancel} className={secondaryButtonClass}>
          {t("account.twoFactor.cancel")}
        </button>
      </div>
    </form>
  );
}
