"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";

import { errorMessage } from "@/i18n/translate";
import { challengeExpired, secondStepFailure, typedCode } from "@/lib/account/two-factor";
import { api, errorCode } from "@/lib/api/client";

/**
 * The second step of signing in to an account with two-factor sign-in: POST /auth/2fa/verify with the
 * challenge the password earned and a code from the app (or a recovery code). A wrong code may be tried
 * again; a challenge past its five minutes or its five wrong codes sends the visitor back to the password
 * (`onRestart`, with the reason to show there).
 */
export function TwoFactorStep({
  challenge,
  startedAt,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  /** When the challenge was received (Date.now()). */
  startedAt: number;
  onSignedIn: () => void;
  onRestart: (message: string | null) => void;
}) {
  const t = useTranslations();
  const input = useRef<HTMLInputElement>(null);
  const [wrongCodes, setWrongCodes] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = typedCode(String(new FormData(form).get("code") ?? ""));
    setError(null);
    if (!code) {
      setError(t("auth.twoFactor.codeRequired"));
      input.current?.focus();
      return;
    }
    if (challengeExpired(Date.now() - startedAt)) {
      onRestart(t("auth.twoFactor.expired"));
      return;
    }
    setBusy(true);
    try {
      const { data, error: failure, response } = await api.POST("/api/v1/auth/2fa/verify", { body: { challenge, code } });
      if (data) {
        onSignedIn(); // stays busy while the next page loads
        return;
      }
      const failureCode = errorCode(failure) ?? (response.status === 400 ? "validation_error" : null);
      const wrong = failureCode === "invalid_code" ? wrongCodes + 1 : wrongCodes;
      setWrongCodes(wrong);
      const outcome = secondStepFailure(failureCode, wrong, Date.now() - startedAt);
      if (outcome === "expired" || outcome === "tooMany") {
        onRestart(t(`auth.twoFactor.${outcome}`));
        return;
      }
      setError(outcome === "wrong" ? t("auth.twoFactor.wrong") : errorMessage(t, failureCode));
      if (outcome === "wrong") form.reset();
      input.current?.focus();
    } catch {
      setError(errorMessage(t, null));
    }
    setBusy(false);
  }

  const inputClass =
    "w-full rounded border border-slate-300 bg-white px-3 py-2 font-mono tracking-wider focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="two-factor-form" noValidate aria-labelledby="auth-2fa-title">
      <div className="space-y-1">
        <h2 id="auth-2fa-title" className="text-lg font-semibold">
          {t("auth.twoFactor.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("auth.twoFactor.intro")}</p>
      </div>
      <div>
        <label htmlFor="auth-code" className="mb-1 block font-medium">
          {t("auth.twoFactor.code")}
        </label>
        <input
          ref={input}
          id="auth-code"
          name="code"
          type="text"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          required
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={`auth-code-hint${error ? " auth-code-error" : ""}`}
          className={inputClass}
        />
        <p id="auth-code-hint" className="mt-1 text-sm text-slate-600">
          {t("auth.twoFactor.codeHint")}
        </p>
      </div>
      <div aria-live="polite" className="text-sm empty:hidden">
        {error && (
          <p id="auth-code-error" role="alert" data-testid="two-factor-error" className="text-red-700">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded bg-blue-700 px-4 py-2.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {busy ? t("auth.working") : t("auth.twoFactor.submit")}
      </button>
      <p className="text-center text-sm">
        <button type="button" disabled={busy} onClick={() => onRestart(null)} className="underline disabled:opacity-60">
          {t("auth.twoFactor.back")}
        </button>
      </p>
    </form>
  );
}
