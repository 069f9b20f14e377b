"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";

import { buttonClass, inputClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { QrCode } from "@/components/QrCode";
import { groupedSecret, isAppCode, svgImageSource, typedCode } from "@/lib/account/two-factor";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { accountErrorText, apiErrorCode } from "./errors";

type Enrolment = components["schemas"]["TwoFactorSetup"];

/**
 * The set-up from POST /auth/2fa/setup, to add to an authenticator app: the server's QR code (shown as an
 * image, never as markup), the secret to type instead, and the first code, which POST /auth/2fa/enable checks
 * before anything is turned on. `onEnabled` gets the recovery codes it answers with.
 */
export function TwoFactorSetup({
  enrolment,
  onEnabled,
  onCancel,
  onAlreadyOn,
}: {
  enrolment: Enrolment;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
  onAlreadyOn: () => void;
}) {
  const t = useTranslations();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<"required" | "wrong" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qr = svgImageSource(enrolment.qr_svg);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = typedCode(String(new FormData(form).get("code") ?? ""));
    setError(null);
    setProblem(isAppCode(code) ? null : code ? "wrong" : "required");
    if (!isAppCode(code)) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { data, error: failure } = await api.POST("/api/v1/auth/2fa/enable", { body: { code } });
      const failureCode = apiErrorCode(failure);
      if (data) {
        onEnabled(data.recovery_codes);
        return;
      }
      if (failureCode === "invalid_code") {
        setProblem("wrong");
        form.reset();
        input.current?.focus();
      } else if (failureCode === "conflict") onAlreadyOn();
      else setError(accountErrorText(t, failure));
    } catch {
      setError(accountErrorText(t, null));
    }
    setBusy(false);
  }

  const codeError = problem === "required" ? t("account.twoFactor.codeRequired") : problem === "wrong" ? t("account.twoFactor.wrongCode") : null;

  return (
    <div data-testid="two-factor-setup" className="space-y-4">
      <ol className="list-decimal space-y-4 pl-5">
        <li className="space-y-3">
          <p>{t("account.twoFactor.scan")}</p>
          {qr ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={qr}
              alt={t("account.twoFactor.qrAlt")}
              width={164}
              height={164}
              data-testid="two-factor-qr"
              className="h-41 w-41 rounded border border-slate-200 bg-white p-1"
            />
          ) : (
            <QrCode code={enrolment.otpauth_uri} alt={t("account.twoFactor.qrAlt")} />
          )}
          <div className="space-y-1">
            <p className="text-sm text-slate-700">{t("account.twoFactor.manual")}</p>
            <p>
              <code data-testid="two-factor-secret" className="rounded bg-slate-100 px-2 py-1 font-mono text-base break-all select-all">
                {groupedSecret(enrolment.secret)}
              </code>
            </p>
          </div>
        </li>
        <li>
          <form onSubmit={submit} noValidate className="space-y-3" data-testid="two-factor-enable-form">
            <div className="max-w-xs">
              <label htmlFor={`${id}-code`} className="font-medium">
                {t("account.twoFactor.code")}
              </label>
              <input
                ref={input}
                id={`${id}-code`}
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={12}
                required
                aria-invalid={codeError ? true : undefined}
                aria-describedby={`${id}-code-hint${codeError ? ` ${id}-code-error` : ""}`}
                className={`${inputClass} font-mono tracking-widest`}
              />
              <p id={`${id}-code-hint`} className="mt-1 text-sm text-slate-600">
                {t("account.twoFactor.codeHint")}
              </p>
              {codeError && (
                <p id={`${id}-code-error`} role="alert" data-testid="two-factor-code-error" className="mt-1 text-sm text-red-700">
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
              <button type="submit" disabled={busy} className={buttonClass}>
                {busy ? t("account.twoFactor.confirming") : t("account.twoFactor.confirm")}
              </button>
              <button type="button" disabled={busy} onClick={onCancel} className={secondaryButtonClass}>
                {t("account.twoFactor.cancel")}
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
