"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { networkError } from "../api-errors";
import { departureErrorText } from "./departure-errors";

export type Feedback = { kind: "error" | "notice"; text: string } | null;
type Call = () => Promise<{ data?: unknown; error?: unknown }>;

/** One change of a departure at a time: its refusal worded, the page refreshed from the server on success. */
export function useDepartureAction() {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);

  async function run(key: string, call: Call): Promise<string | null> {
    setBusy(key);
    let failure: string | null = null;
    try {
      const { data, error } = await call();
      if (data === undefined || error !== undefined) failure = departureErrorText(t, error);
    } catch {
      failure = networkError(t);
    }
    setBusy(null);
    if (failure === null) startTransition(() => router.refresh());
    return failure;
  }

  return { busy, pending: pending || busy !== null, run };
}

export type DepartureAction = ReturnType<typeof useDepartureAction>;

export function FeedbackLine({ feedback, testId }: { feedback: Feedback; testId: string }) {
  if (!feedback) return null;
  return feedback.kind === "error" ? (
    <p role="alert" aria-live="polite" data-testid={`${testId}-error`} className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
      {feedback.text}
    </p>
  ) : (
    <p role="status" data-testid={`${testId}-notice`} className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
      {feedback.text}
    </p>
  );
}
