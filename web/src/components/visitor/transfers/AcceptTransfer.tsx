"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

import { ResendVerificationButton } from "@/components/account/ResendVerificationButton";
import { buttonClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { api, errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { acceptProblem, signInHref, tokenBody, type AcceptProblem, type Transfer } from "@/lib/transfers/transfers";

import { transferErrorText } from "./texts";
import { TransferOffer } from "./TransferOffer";

type Booking = components["schemas"]["BookingRead"];
type State =
  | { kind: "loading" }
  | { kind: "invalid" }
  | { kind: "failed"; text: string }
  | { kind: "offer"; transfer: Transfer }
  | { kind: "done"; booking: Booking };

/**
 * The page of a transfer link: shows what it offers (signed in or not), then takes the ticket for the
 * signed-in account, or sends a signed-out visitor to log in or sign up and come back with the token.
 */
export function AcceptTransfer({ token, signedInAs }: { token: string | null; signedInAs: string | null }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [state, setState] = useState<State>(token ? { kind: "loading" } : { kind: "invalid" });
  const [problem, setProblem] = useState<{ kind: AcceptProblem; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const { data, error, response } = await api.POST("/api/v1/transfers/view", { body: tokenBody(token) });
      if (data) setState({ kind: "offer", transfer: data });
      else if (acceptProblem(response.status, errorCode(error)) === "invalid") setState({ kind: "invalid" });
      else setState({ kind: "failed", text: transferErrorText(t, error, null, lang) });
    } catch {
      setState({ kind: "failed", text: transferErrorText(t, null, null, lang) });
    }
  }, [lang, t, token]);

  // Once per link (a change of language re-renders with a new `load`, not a new offer).
  const loaded = useRef<string | null>(null);
  useEffect(() => {
    if (loaded.current === token) return;
    loaded.current = token;
    void load();
  }, [load, token]);

  async function take(transfer: Transfer) {
    if (!token) return;
    setBusy(true);
    setProblem(null);
    try {
      const { data, error, response } = await api.POST("/api/v1/transfers/accept", { body: tokenBody(token) });
      if (data) {
        setState({ kind: "done", booking: data });
        router.refresh(); // the header's notifications
        return;
      }
      const kind = acceptProblem(response.status, errorCode(error));
      if (kind === "invalid") {
        setState({ kind: "invalid" });
      } else if (kind === "wrong_recipient") {
        setProblem({ kind, text: t("transfers.accept.wrongRecipient", { email: transfer.to_email }) });
      } else if (kind === "not_verified") {
        setProblem({ kind, text: t("transfers.accept.notVerified") });
      } else if (kind !== "signed_out") {
        // (Signed out, the API client itself sends the visitor to log in and back here.)
        setProblem({ kind, text: transferErrorText(t, error, transfer.timezone, lang) });
        if (kind === "not_open") await load(); // shows how the offer stands now
      }
    } catch {
      setProblem({ kind: "failed", text: transferErrorText(t, null, transfer.timezone, lang) });
    } finally {
      setBusy(false);
    }
  }

  async function switchAccount() {
    if (!token) return;
    await api.POST("/api/v1/auth/logout", { body: null }).catch(() => undefined);
    window.location.assign(signInHref(token, "login"));
  }

  if (state.kind === "loading") {
    return (
      <p role="status" aria-live="polite" data-testid="transfer-loading" className="rounded bg-blue-50 p-4">
        {t("transfers.accept.loading")}
      </p>
    );
  }
  if (state.kind === "invalid" || !token) {
    return (
      <div role="alert" data-testid="transfer-invalid" className="space-y-2 rounded border border-red-200 bg-red-50 p-4 text-red-900">
        <p className="font-medium">{t("transfers.accept.invalid")}</p>
        <p>{t("transfers.accept.invalidHint")}</p>
        <p>
          <Link href="/" className="underline">
            {t("transfers.accept.catalog")}
          </Link>
        </p>
      </div>
    );
  }
  if (state.kind === "failed") {
    return (
      <div className="space-y-3">
        <p role="alert" data-testid="transfer-load-error" className="rounded bg-red-50 p-4 text-red-800">
          {state.text}
        </p>
        <button type="button" onClick={() => void load()} className="underline">
          {t("common.retry")}
        </button>
      </div>
    );
  }
  if (state.kind === "done") {
    return (
      <div role="status" aria-live="polite" data-testid="transfer-done" className="space-y-3 rounded bg-green-50 p-4">
        <p className="font-medium">{t("transfers.accept.done")}</p>
        <p>
          <Link href={`/bookings/${state.booking.id}`} data-testid="transfer-booking-link" className={buttonClass}>
            {t("transfers.accept.openBooking")}
          </Link>
        </p>
      </div>
    );
  }

  const transfer = state.transfer;
  const closed = transfer.status !== "pending";
  return (
    <div className="space-y-4">
      <TransferOffer transfer={transfer} />
      {closed ? (
        <div role="status" data-testid="transfer-closed" className="space-y-2 rounded bg-slate-100 p-4">
          <p className="font-medium">
            {transfer.status === "accepted" || transfer.status === "cancelled" || transfer.status === "expired"
              ? t(`transfers.accept.notOpen.${transfer.status}`)
              : t("transfers.accept.notOpen.other")}
          </p>
          {signedInAs && transfer.booking_id && (
            <Link href={`/bookings/${transfer.booking_id}`} className="underline">
              {t("transfers.accept.openBooking")}
            </Link>
          )}
        </div>
      ) : signedInAs ? (
        <div className="space-y-3">
          <p className="break-words text-sm text-slate-600">{t("transfers.accept.signedInAs", { email: signedInAs })}</p>
          <button type="button" data-testid="take-ticket" disabled={busy} onClick={() => void take(transfer)} className={buttonClass}>
            {busy ? t("transfers.accept.taking") : t("transfers.accept.take")}
          </button>
        </div>
      ) : (
        <div className="space-y-3">
          <p className="break-words">{t("transfers.accept.signedOut", { email: transfer.to_email })}</p>
          <p className="flex flex-wrap gap-3">
            <Link href={signInHref(token, "login")} data-testid="transfer-login" className={buttonClass}>
              {t("transfers.accept.login")}
            </Link>
            <Link href={signInHref(token, "signup")} data-testid="transfer-signup" className={secondaryButtonClass}>
              {t("transfers.accept.signup")}
            </Link>
          </p>
        </div>
      )}
      {problem && !closed && (
        <div role="alert" aria-live="polite" data-testid="accept-error" data-problem={problem.kind} className="space-y-2 rounded border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="break-words">{problem.text}</p>
          {problem.kind === "wrong_recipient" && (
            <button type="button" data-testid="switch-account" onClick={() => void switchAccount()} className="font-medium underline">
              {t("transfers.accept.switchAccount")}
            </button>
          )}
          {problem.kind === "not_verified" && <ResendVerificationButton className="font-medium underline" />}
        </div>
      )}
    </div>
  );
}
