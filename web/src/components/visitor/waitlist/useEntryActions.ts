"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { parseApiError } from "@/components/organizer/api-errors";
import { errorMessage } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import { paymentRequiredBooking, type WaitlistEntry } from "@/lib/waitlist/entries";

import { waitlistErrorText } from "./errors";

export type EntryMessage = { kind: "ok" | "error"; text: string; payHref?: string };

/**
 * Taking a free offer (POST /waitlist/{id}/accept) and leaving the line or declining an offer (POST
 * /waitlist/{id}/leave). Each answers with the entry as it now is, handed to `onChange`. An entry the server
 * says has moved on (an offer that lapsed, a place that ended) has the page read again.
 */
export function useEntryActions(entry: WaitlistEntry, onChange: (updated: WaitlistEntry) => void) {
  const t = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState<"accept" | "leave" | null>(null);
  const [message, setMessage] = useState<EntryMessage | null>(null);
  const path = { params: { path: { entry_id: entry.id } } };

  function refused(error: unknown): string {
    const { code } = parseApiError(error);
    if (code === "offer_lapsed" || code === "not_waiting") router.refresh();
    return waitlistErrorText(t, error);
  }

  async function accept(): Promise<void> {
    setBusy("accept");
    setMessage(null);
    try {
      const { data, error } = await api.POST("/api/v1/waitlist/{entry_id}/accept", path);
      if (data) {
        onChange(data);
        setMessage({ kind: "ok", text: t("waitlist.taken") });
      } else {
        // A paid offer after all: it is taken by paying its booking.
        const booking = paymentRequiredBooking(error);
        setMessage({ kind: "error", text: refused(error), ...(booking ? { payHref: `/bookings/${booking}` } : {}) });
      }
    } catch {
      setMessage({ kind: "error", text: errorMessage(t, null) });
    } finally {
      setBusy(null);
    }
  }

  /** Leaves (or declines); returns the reason it failed, for the confirmation dialog, or null. */
  async function leave(): Promise<string | null> {
    const declining = entry.status === "offered";
    setBusy("leave");
    setMessage(null);
    try {
      const { data, error } = await api.POST("/api/v1/waitlist/{entry_id}/leave", path);
      if (!data) return refused(error);
      onChange(data);
      setMessage({ kind: "ok", text: declining ? t("waitlist.declinedDone") : t("waitlist.leftDone") });
      return null;
    } catch {
      return errorMessage(t, null);
    } finally {
      setBusy(null);
    }
  }

  return { busy, message, accept, leave };
}
