"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";

import { api } from "@/lib/api/client";
import type { SessionWaitlist, WaitlistLine } from "@/lib/waitlist/line";

import { describeApiError, networkError, parseApiError } from "../api-errors";

/**
 * A session's waiting list for its organizer: the line (GET /sessions/{id}/waitlist), loaded on its own;
 * taking someone off it (DELETE …/waitlist/{entry_id}, answered with the new line); and offering the free
 * seats at once (POST …/waitlist/offer), after which the line and the page's figures are read again.
 * `busy` is "offer" or the id of the entry being removed.
 */
export function useSessionWaitlist(sessionId: string) {
  const t = useTranslations();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [line, setLine] = useState<SessionWaitlist | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadFailed, setLoadFailed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data } = await api.GET("/api/v1/sessions/{session_id}/waitlist", { params: { path: { session_id: sessionId } } });
      if (data) setLine(data);
      setLoadFailed(!data);
    } catch {
      setLoadFailed(true);
    } finally {
      setLoading(false);
    }
  }, [sessionId]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Takes someone off the line; returns why it failed (for the confirmation dialog), or null. */
  async function remove(entry: WaitlistLine): Promise<string | null> {
    setBusy(entry.id);
    setMessage(null);
    try {
      const { data, error } = await api.DELETE("/api/v1/sessions/{session_id}/waitlist/{entry_id}", {
        params: { path: { session_id: sessionId, entry_id: entry.id } },
      });
      if (!data) {
        if (parseApiError(error).code !== "not_waiting") return describeApiError(t, error);
        // Their offer came meanwhile: the line shows it.
        void load();
        return t("waitlistDesk.notWaiting");
      }
      setLine(data);
      setMessage({ kind: "ok", text: t("waitlistDesk.removedDone", { name: entry.name }) });
      return null;
    } catch {
      return networkError(t);
    } finally {
      setBusy(null);
    }
  }

  async function offer(): Promise<void> {
    setBusy("offer");
    setMessage(null);
    let outcome: { kind: "ok" | "error"; text: string };
    try {
      const { data, error } = await api.POST("/api/v1/sessions/{session_id}/waitlist/offer", {
        params: { path: { session_id: sessionId } },
      });
      if (data) {
        const text = data.offers > 0 ? t("waitlistDesk.offersMade", { count: String(data.offers) }) : t("waitlistDesk.offersNone");
        outcome = { kind: "ok", text };
      } else {
        outcome = { kind: "error", text: describeApiError(t, error) };
      }
    } catch {
      outcome = { kind: "error", text: networkError(t) };
    }
    // The outcome shows with the line it left.
    await load();
    setMessage(outcome);
    setBusy(null);
    // Offers hold seats: the page's own figures follow.
    startTransition(() => router.refresh());
  }

  return { line, loading, loadFailed, busy, message, load, remove, offer };
}

export type SessionWaitlistState = ReturnType<typeof useSessionWaitlist>;
