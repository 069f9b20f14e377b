"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { dangerButtonClass, inputClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { parseApiError } from "@/components/organizer/api-errors";
import { ACCOUNT_DELETED_HREF } from "@/lib/account/deleted";
import { typedCode } from "@/lib/account/two-factor";
import { api } from "@/lib/api/client";

import { accountErrorText } from "./errors";

type Problems = { password: "required" | "wrong" | null; code: "required" | "wrong" | null };
const NO_PROBLEMS: Problems = { password: null, code: null };

/**
 * DELETE /auth/me after a confirmation step: the password, and a code when two-factor sign-in is on. The
 * answer clears the session cookies; the visitor lands on the home page, signed out, with a message. While
 * bookings are still to come (409 has_future_bookings), the API's detail says which.
 */
export function DeleteAccountForm({ twoFactorEnabled }: { twoFactorEnabled: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [error, setError] = useState<{ text: string; detail: string | null; bookings: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setOpen(false);
    setProblems(NO_PROBLEMS);
    setError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const code = twoFactorEnabled ? typedCode(String(form.get("code") ?? "")) : "";
    const found: Problems = { password: password ? null : "required", code: twoFactorEnabled && !code ? "required" : null };
    setProblems(found);
    setError(null);
    if (found.password || found.code) return;
    setBusy(true);
    try {
      const { response, error: failure } = await api.DELETE("/api/v1/auth/me", {
        body: { password, code: twoFactorEnabled ? code : null },
      });
      if (response.ok) {
        router.push(ACCOUNT_DELETED_HREF);
        router.refresh(); // the header: signed out
        return; // stays busy while the home page loads
      }
      const { code: failureCode, detail } = parseApiError(failure);
      if (failureCode === "invalid_credentials") setProblems({ password: "wrong", code: null });
      else if (failureCode === "invalid_code") setProblems({ password: null, code: "wrong" });
      else if (failureCode === "has_future_bookings") setError({ text: t("account.data.futureBookings"), detail, bookings: true });
      else setError({ text: accountErrorText(t, failure), detail: null, bookings: false });
    } catch {
      setError({ text: accountErrorText(t, null), detail: null, bookings: false });
    }
    setBusy(false);
  }

  const passwordError =
    problems.password === "required" ? t("account.data.passwordRequired") : problems.password === "wrong" ? t("account.data.wrongPassword") : null;
  const codeError = problems.code === "required" ? t("account.data.codeRequired") : problems.code === "wrong" ? t("account.data.wrongCode") : null;

  return (
    <div className="space-y-3" data-testid="delete-account">
      <h3 id={`${id}-title`} className="font-semibold">
        {t("account.data.deleteTitle")}
      </h3>
      <p className="text-sm text-slate-700">{t("account.data.deleteIntro")}</p>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} className={dangerButtonClass}>
          {t("account.data.delete")}
        </button>
      ) : (
        <form
          onSubmit={submit}
          noValidate
          aria-labelledby={`${id}-title`}
          data-testid="delete-account-form"
          className="max-w-md space-y-4 rounded border border-red-200 bg-red-50 p-4"
        >
          <p className="font-medium text-red-900">{t("account.data.deleteWarning")}</p>
          <div>
            <label htmlFor={`${id}-password`} className="font-medium">
              {t("account.data.password")}
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
          {twoFactorEnabled && (
            <div>
              <label htmlFor={`${id}-code`} className="font-medium">
                {t("account.data.code")}
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
          )}
          <div aria-live="polite" data-testid="delete-account-error" className="text-sm empty:hidden">
            {error && (
              <div role="alert" className="space-y-1 text-red-800">
                <p>{error.text}</p>
                {error.detail && <p>{error.detail}</p>}
                {error.bookings && (
                  <p>
                    <Link href="/bookings" className="font-medium underline">
                      {t("account.data.bookings")}
                    </Link>
                  </p>
                )}
              </div>
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={busy} className={dangerButtonClass}>
              {busy ? t("account.data.deleting") : t("account.data.confirm")}
            </button>
            <button type="button" disabled={busy} onClick={close} className={secondaryButtonClass}>
              {t("account.data.keep")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
