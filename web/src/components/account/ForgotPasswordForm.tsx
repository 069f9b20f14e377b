"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";

import { buttonClass, inputClass } from "@/components/organizer/form-controls";
import { looksLikeEmail } from "@/lib/account/form-checks";
import { api } from "@/lib/api/client";

import { accountErrorText, apiErrorCode } from "./errors";

/**
 * POST /auth/password-reset/request. The answer is the same whether or not the address has an account, and so
 * is what this says; only a rate limit or a failure to reach the service reads differently.
 */
export function ForgotPasswordForm() {
  const t = useTranslations();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [emailProblem, setEmailProblem] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setError(null);
    setEmailProblem(!looksLikeEmail(email));
    if (!looksLikeEmail(email)) return;
    setBusy(true);
    try {
      const { response, error: failure } = await api.POST("/api/v1/auth/password-reset/request", { body: { email } });
      if (response.ok) setSent(true);
      else if (apiErrorCode(failure) === "validation_error") setEmailProblem(true);
      else setError(accountErrorText(t, failure));
    } catch {
      setError(accountErrorText(t, null));
    }
    setBusy(false);
  }

  if (sent) {
    return (
      <div role="status" aria-live="polite" data-testid="forgot-sent" className="space-y-3 rounded bg-green-50 p-4">
        <p>{t("account.forgot.sent")}</p>
        <Link href="/login" className="underline">
          {t("account.forgot.back")}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="forgot-form">
      <p className="text-slate-700">{t("account.forgot.intro")}</p>
      <div>
        <label htmlFor={`${id}-email`} className="font-medium">
          {t("account.forgot.email")}
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={emailProblem ? true : undefined}
          aria-describedby={emailProblem ? `${id}-email-error` : undefined}
          className={inputClass}
        />
        {emailProblem && (
          <p id={`${id}-email-error`} role="alert" className="mt-1 text-sm text-red-700">
            {t("account.forgot.emailRequired")}
          </p>
        )}
      </div>
      <div role="alert" aria-live="polite" data-testid="forgot-error" className="text-sm text-red-700 empty:hidden">
        {error}
      </div>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full`}>
        {busy ? t("account.forgot.working") : t("account.forgot.submit")}
      </button>
      <p className="text-center text-sm">
        <Link href="/login" className="underline">
          {t("account.forgot.back")}
        </Link>
      </p>
    </form>
  );
}
