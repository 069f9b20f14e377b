"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { inputClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { looksLikeEmail } from "@/lib/account/form-checks";
import { api } from "@/lib/api/client";

import { accountErrorText, apiErrorCode } from "./errors";
import { ResendVerificationButton } from "./ResendVerificationButton";

/**
 * The account's address, confirmed or not, and moving it: PATCH /auth/me {email} answers 202 and leaves the
 * new address pending until the link sent to it is opened.
 */
export function EmailSection({ email, verified, pendingEmail }: { email: string; verified: boolean; pendingEmail: string | null }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(pendingEmail);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const newEmail = String(new FormData(form).get("email") ?? "").trim();
    setNotice(null);
    setInvalid(!looksLikeEmail(newEmail));
    if (!looksLikeEmail(newEmail)) return;
    setBusy(true);
    try {
      const { data, response, error } = await api.PATCH("/api/v1/auth/me", { body: { email: newEmail } });
      if (data) {
        setPending(data.pending_email);
        if (response.status !== 202) setNotice({ error: false, text: t("account.email.same") });
        form.reset();
        router.refresh();
      } else if (apiErrorCode(error) === "validation_error") setInvalid(true);
      else setNotice({ error: true, text: accountErrorText(t, error) });
    } catch {
      setNotice({ error: true, text: accountErrorText(t, null) });
    }
    setBusy(false);
  }

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <p className="text-sm text-slate-600">{t("account.email.current")}</p>
        <p className="flex flex-wrap items-center gap-2">
          <span data-testid="account-email" className="break-all font-medium">
            {email}
          </span>
          <span
            data-testid="email-status"
            data-verified={verified ? "true" : "false"}
            className={`rounded px-2 py-0.5 text-xs font-semibold ${verified ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}
          >
            {verified ? t("account.email.verified") : t("account.email.unverified")}
          </span>
        </p>
        {!verified && !pending && (
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
            <span>{t("account.email.unverifiedHint")}</span>
            <ResendVerificationButton className="font-medium underline" />
          </p>
        )}
      </div>

      {pending && (
        <div data-testid="pending-email" className="space-y-1 rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="break-all font-medium">{t("account.email.pending", { email: pending })}</p>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>{t("account.email.pendingHint")}</span>
            <ResendVerificationButton className="font-medium underline" />
          </p>
        </div>
      )}

      <form onSubmit={submit} noValidate className="space-y-2" data-testid="change-email-form">
        <h3 className="font-semibold">{t("account.email.change")}</h3>
        <label htmlFor={`${id}-email`} className="block font-medium">
          {t("account.email.newAddress")}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            required
            aria-invalid={invalid ? true : undefined}
            aria-describedby={`${id}-email-hint${invalid ? ` ${id}-email-error` : ""}`}
            className={`${inputClass} sm:mt-0`}
          />
          <button type="submit" disabled={busy} className={`${secondaryButtonClass} shrink-0`}>
            {busy ? t("account.email.sending") : t("account.email.submit")}
          </button>
        </div>
        <p id={`${id}-email-hint`} className="text-sm text-slate-600">
          {t("account.email.newAddressHint")}
        </p>
        {invalid && (
          <p id={`${id}-email-error`} role="alert" className="text-sm text-red-700">
            {t("account.email.invalid")}
          </p>
        )}
        <div aria-live="polite" data-testid="change-email-result" className="text-sm empty:hidden">
          {notice && (
            <p role={notice.error ? "alert" : "status"} className={notice.error ? "text-red-700" : "text-slate-700"}>
              {notice.text}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
