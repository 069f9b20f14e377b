"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

import { api } from "@/lib/api/client";

import { accountErrorText, apiErrorCode } from "./errors";
import { ResendVerificationButton } from "./ResendVerificationButton";

type State = { kind: "working" } | { kind: "done"; email: string } | { kind: "invalid" } | { kind: "failed"; text: string };

/**
 * Opens the link of a verification e-mail: posts its token once, then says the address is confirmed, or that
 * the link is spent (with a new one for a signed-in account that still has an address to confirm).
 */
export function VerifyEmail({ token, signedIn, canResend }: { token: string | null; signedIn: boolean; canResend: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, setState] = useState<State>(token ? { kind: "working" } : { kind: "invalid" });
  const sent = useRef(false);

  const verify = useCallback(async () => {
    if (!token) return;
    setState({ kind: "working" });
    try {
      const { data, error } = await api.POST("/api/v1/auth/verify-email", { body: { token } });
      if (data) {
        setState({ kind: "done", email: data.email });
        router.refresh(); // the header's notice goes
        return;
      }
      const code = apiErrorCode(error);
      setState(code === "invalid_token" || code === "validation_error" ? { kind: "invalid" } : { kind: "failed", text: accountErrorText(t, error) });
    } catch {
      setState({ kind: "failed", text: accountErrorText(t, null) });
    }
  }, [router, t, token]);

  // A token works once: post it once, even if the effect runs twice.
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    void verify();
  }, [verify]);

  if (state.kind === "working") {
    return (
      <p role="status" aria-live="polite" data-testid="verify-working" className="rounded bg-blue-50 p-4">
        {t("account.verify.working")}
      </p>
    );
  }
  if (state.kind === "done") {
    return (
      <div role="status" aria-live="polite" data-testid="verify-done" className="space-y-3 rounded bg-green-50 p-4">
        <p>{t("account.verify.done", { email: state.email })}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/" className="font-medium underline">
            {t("account.verify.catalog")}
          </Link>
          {signedIn ? (
            <Link href="/account" className="underline">
              {t("account.verify.settings")}
            </Link>
          ) : (
            <Link href="/login" className="underline">
              {t("account.verify.login")}
            </Link>
          )}
        </p>
      </div>
    );
  }
  if (state.kind === "failed") {
    return (
      <div className="space-y-3">
        <p role="alert" aria-live="polite" data-testid="verify-error" className="rounded bg-red-50 p-4 text-red-800">
          {state.text}
        </p>
        <button type="button" onClick={() => void verify()} className="underline">
          {t("common.retry")}
        </button>
      </div>
    );
  }
  return (
    <div role="alert" aria-live="polite" data-testid="verify-invalid" className="space-y-2 rounded border border-red-200 bg-red-50 p-4 text-red-900">
      <p className="font-medium">{t("account.verify.failed")}</p>
      <p>{t("account.verify.failedHint")}</p>
      {!signedIn ? (
        <p>
          <Link href="/login?next=/account" className="underline">
            {t("account.verify.failedSignedOut")}
          </Link>
        </p>
      ) : canResend ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>{t("account.verify.failedSignedIn")}</span>
          <ResendVerificationButton className="font-medium underline" />
        </p>
      ) : (
        <p>
          <Link href="/account" className="underline">
            {t("account.verify.settings")}
          </Link>
        </p>
      )}
    </div>
  );
}
