"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { errorMessage } from "@/i18n/translate";
import { approvalScope, needsApproval, readRequestRefusal, requestBody } from "@/lib/approvals/ask";
import type { BookingRequest } from "@/lib/approvals/requests";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { requestErrorText } from "./errors";

type BookingItem = components["schemas"]["BookingItem"];
type TicketType = components["schemas"]["TicketTypeRead"];

export type RequestOutcome = { kind: "sent"; request: BookingRequest } | { kind: "refused"; text: string };

/**
 * The booking form's requests for tickets sold on approval. `asking` says whether the tickets `chosen` are
 * asked for with a request instead of booked: the listing or a chosen ticket type says so, or booking answered
 * `409 approval_required` (`askInstead`); a request refused with `approval_not_required` goes back to booking.
 * `send` posts the request (POST /sessions/{id}/requests) with the buyer's note; a refusal is worded by its
 * code, and `onSoldOut` runs when no seats are left to hold (the seats shown are stale).
 */
export function useApprovalRequest(
  listingRequires: boolean,
  ticketTypes: readonly TicketType[],
  chosen: readonly BookingItem[],
  onSoldOut: () => void,
) {
  const t = useTranslations();
  const [mode, setMode] = useState<"request" | "book" | null>(null);
  const asking = mode === "request" || (mode !== "book" && needsApproval(listingRequires, ticketTypes, chosen));
  const scope = approvalScope(listingRequires, ticketTypes);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RequestOutcome | null>(null);

  async function send(sessionId: string, items: readonly BookingItem[]): Promise<void> {
    setBusy(true);
    setOutcome(null);
    try {
      const { data, error } = await api.POST("/api/v1/sessions/{session_id}/requests", {
        params: { path: { session_id: sessionId } },
        body: requestBody(items, note),
      });
      if (data) {
        setOutcome({ kind: "sent", request: data });
        setNote("");
        return;
      }
      const refusal = readRequestRefusal(error);
      if (refusal.kind === "book_instead") setMode("book");
      if (refusal.kind === "sold_out") onSoldOut();
      setOutcome({ kind: "refused", text: requestErrorText(t, error) });
    } catch {
      setOutcome({ kind: "refused", text: errorMessage(t, null) });
    } finally {
      setBusy(false);
    }
  }

  return { asking, scope, askInstead: () => setMode("request"), note, setNote, busy, outcome, send };
}

export type ApprovalRequestState = ReturnType<typeof useApprovalRequest>;
