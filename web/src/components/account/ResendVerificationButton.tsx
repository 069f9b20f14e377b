"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { api } from "@/lib/api/client";

import { accountErrorText } from "./errors";

type State = { kind: "idle" | "busy" } | { kind: "done" | "failed"; text: string };

/** POST /auth/verify-email/resend: the link again, to the address waiting to be confirmed. */
export function ResendVerificationButton({ className = "underline" }: { className?: string }) {
  const t = useTranslations();
  const [state, setState] = useState<State>({ kind: "idle" });

  async function resend() {
    setState({ kind: "busy" });
    try {
      const { response, error } = await api.POST("/api/v1/auth/verify-email/resend");
      setState(response.ok ? { kind: "done", text: t("account.resend.done") } : { kind: "failed", text: accountErrorText(t, error) });
    } catch {
      setState({ kind: "failed", text: accountErrorText(t, null) });
    }
  }

  return (
    <>
      <button
        type="button"
        data-testid="resend-verification"
        disabled={state.kind === "busy"}
        onClick={() => void resend()}
        className={`${className} disabled:opacity-60`}
      >
        {state.kind === "busy" ? t("account.resend.working") : t("account.resend.button")}
      </button>
      <span
        role="status"
        aria-live="polite"
        data-testid="resend-result"
        className={`empty:hidden ${state.kind === "failed" ? "text-red-700" : ""}`}
      >
        {state.kind === "done" || state.kind === "failed" ? state.text : null}
      </span>
    </>
  );
}
