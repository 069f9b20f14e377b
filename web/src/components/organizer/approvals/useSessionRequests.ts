"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";

import type { BookingRequest, RequestPage } from "@/lib/approvals/requests";
import { api } from "@/lib/api/client";

import { describeApiError, networkError, parseApiError } from "../api-errors";

/** The newest requests shown; a session rarely has more waiting. */
const LIMIT = 100;

export type DeskMessage = { kind: "ok" | "error"; text: string };

/**
 * A session's requests for its organizer (GET /sessions/{id}/requests), loaded on their own; approving one
 * (POST /requests/{id}/approve) and declining one with a reason (POST /requests/{id}/decline). After each, the
 * list and the page's seat figures are read again. `409 sold_out` leaves a request pending; `409
 * request_not_pending` means it was decided, withdrawn or has expired meanwhile. `busy` is the decision
 * running: "approve:<id>" or "decline:<id>".
 */
export function useSessionRequests(sessionId: string) {
  const t = useTranslations();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [page, setPage] = useState<RequestPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadFailed, setLoadFailed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<DeskMessage | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data } = await api.GET("/api/v1/sessions/{session_id}/requests", {
        params: { path: { session_id: sessionId }, query: { limit: LIMIT, offset: 0 } },
      });
      if (data) setPage(data);
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

  /** The wording of a refused decision: our own for the codes deciding answers with, the shared one otherwise. */
  function refusal(error: unknown): string {
    const { code } = parseApiError(error);
    if (code === "sold_out") return t("approvalDesk.soldOut");
    if (code === "request_not_pending") return t("approvalDesk.notPending");
    return describeApiError(t, error);
  }

  /** Reads the list and the page's figures again once a decision is made (or found made). */
  async function settle(): Promise<void> {
    await load();
    startTransition(() => router.refresh());
  }

  async function approve(request: BookingRequest): Promise<void> {
    setBusy(`approve:${request.id}`);
    setMessage(null);
    let outcome: DeskMessage;
    try {
      const { data, error } = await api.POST("/api/v1/requests/{request_id}/approve", {
        params: { path: { request_id: request.id } },
      });
      outcome = data
        ? { kind: "ok", text: t("approvalDesk.approvedDone", { name: request.requester_name }) }
        : { kind: "error", text: refusal(error) };
    } catch {
      outcome = { kind: "error", text: networkError(t) };
    }
    await settle();
    setMessage(outcome);
    setBusy(null);
  }

  /** Declines with the reason given (none when blank); returns why it failed, for the dialog, or null. */
  async function decline(request: BookingRequest, reason: string): Promise<string | null> {
    setBusy(`decline:${request.id}`);
    setMessage(null);
    try {
      const { data, error } = await api.POST("/api/v1/requests/{request_id}/decline", {
        params: { path: { request_id: request.id } },
        body: { reason: reason.trim() || null },
      });
      if (!data) {
        if (parseApiError(error).code === "request_not_pending") void settle();
        return refusal(error);
      }
      await settle();
      setMessage({ kind: "ok", text: t("approvalDesk.declinedDone", { name: request.requester_name }) });
      return null;
    } catch {
      return networkError(t);
    } finally {
      setBusy(null);
    }
  }

  return { page, loading, loadFailed, busy, message, load, approve, decline };
}

export type SessionRequestsState = ReturnType<typeof useSessionRequests>;
