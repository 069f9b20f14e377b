"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { accountNotificationTitle, isAccountNotification } from "@/components/account/notification-titles";
import { errorMessage, type Translate } from "@/i18n/translate";
import { api, errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/time-zone";

type Notification = components["schemas"]["NotificationRead"];

export const NOTIFICATION_KINDS = [
  "booking_confirmed",
  "booking_created",
  "payment_failed",
  "hold_expired",
  "booking_cancelled",
  "tickets_cancelled",
  "refund_completed",
  "payment_refunded",
  "session_changed",
  "session_cancelled",
  "event_cancelled",
  "reminder",
  "review_invitation",
  "review_approved",
  "review_rejected",
  "ticket_transfer_offered",
  "ticket_transfer_accepted",
  "welcome",
  "waitlist_offer",
  "seat_moved",
  "booking_request_approved",
  "booking_request_declined",
  "booking_request_expired",
  "booking_request_received",
] as const;

function isNotificationKind(kind: string): kind is (typeof NOTIFICATION_KINDS)[number] {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

// Requests for tickets sold on approval: the buyer's are followed on "My requests", the organizer's on their
// listings' session pages (an approved one's booking is linked as any booking is).
const BUYER_REQUEST_KINDS = new Set(["booking_request_approved", "booking_request_declined", "booking_request_expired"]);

/** Where a notification about an approval request leads, besides its booking: "/requests", "/organizer" or none. */
export function requestLink(kind: string): "/requests" | "/organizer" | null {
  if (BUYER_REQUEST_KINDS.has(kind)) return "/requests";
  return kind === "booking_request_received" ? "/organizer" : null;
}

function payloadString(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === "string" && value ? value : null;
}

/** A human title for a notification, e.g. "Booking ABC123 is confirmed". */
export function notificationTitle(t: Translate, kind: string, payload: Record<string, unknown>): string {
  const account = accountNotificationTitle(t, kind, payload);
  if (account !== null) return account;
  if (!isNotificationKind(kind)) return t("notification.other");
  const reference = payloadString(payload, "reference") ?? payloadString(payload, "title") ?? "";
  return t(`notification.${kind}`, { reference }).replace(/\s{2,}/g, " ").trim();
}

export function NotificationList({
  initialItems,
  initialUnread,
}: {
  initialItems: Notification[];
  initialUnread: number;
}) {
  const router = useRouter();
  const t = useTranslations();
  const lang = useLocale();
  const [items, setItems] = useState(initialItems);
  const [unread, setUnread] = useState(initialUnread);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function markRead(id: string) {
    setError(null);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/notifications/{notification_id}/read", {
        params: { path: { notification_id: id } },
      });
      if (!data) {
        setError(errorMessage(t, errorCode(apiError)));
        return;
      }
      const now = new Date().toISOString();
      setItems((list) => list.map((n) => (n.id === id && !n.read_at ? { ...n, read_at: now } : n)));
      setUnread((count) => Math.max(0, count - data.marked));
      router.refresh();
    } catch {
      setError(errorMessage(t, null));
    }
  }

  async function markAll() {
    setError(null);
    setBusy(true);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/notifications/read-all");
      if (!data) {
        setError(errorMessage(t, errorCode(apiError)));
      } else {
        const now = new Date().toISOString();
        setItems((list) => list.map((n) => (n.read_at ? n : { ...n, read_at: now })));
        setUnread(0);
        router.refresh();
      }
    } catch {
      setError(errorMessage(t, null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p data-testid="unread-count" aria-live="polite" className="text-slate-700">
          {t("notifications.unread", { count: String(unread) })}
        </p>
        <button
          type="button"
          data-testid="mark-all-read"
          disabled={busy || unread === 0}
          onClick={() => void markAll()}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:border-blue-500 disabled:opacity-50"
        >
          {t("notifications.markAllRead")}
        </button>
      </div>
      <div role="alert" aria-live="polite" className="text-sm text-red-700 empty:hidden">
        {error}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {t("notifications.empty")}
        </p>
      ) : (
        <ul className="space-y-2">
          {items.map((n) => {
            // A waiting-list offer is taken (or declined) on the waiting list, not on its booking's page.
            const waitlistOffer = n.kind === "waitlist_offer";
            const bookingId = waitlistOffer ? null : payloadString(n.payload, "booking_id");
            const requests = requestLink(n.kind);
            const reason = n.kind === "booking_request_declined" ? payloadString(n.payload, "reason") : null;
            return (
              <li
                key={n.id}
                data-testid="notification"
                data-kind={n.kind}
                data-read={n.read_at ? "true" : "false"}
                className={`flex flex-col gap-2 rounded-lg border p-4 sm:flex-row sm:items-center sm:justify-between ${
                  n.read_at ? "border-slate-200 bg-white" : "border-blue-300 bg-blue-50"
                }`}
              >
                <div className="min-w-0">
                  <p className="font-medium">
                    {!n.read_at && (
                      <span className="mr-2 rounded bg-blue-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                        {t("notifications.new")}
                      </span>
                    )}
                    {notificationTitle(t, n.kind, n.payload)}
                  </p>
                  {reason && (
                    <p data-testid="notification-reason" className="text-sm break-words text-slate-700">
                      {t("notifications.reason", { reason })}
                    </p>
                  )}
                  <p className="text-xs text-slate-500">
                    <time dateTime={n.created_at}>{formatDateTime(n.created_at, undefined, lang)}</time>
                    {bookingId && (
                      <>
                        {" · "}
                        <Link href={`/bookings/${bookingId}`} className="underline">
                          {t("notifications.openBooking")}
                        </Link>
                      </>
                    )}
                    {waitlistOffer && (
                      <>
                        {" · "}
                        <Link href="/waitlist" data-testid="notification-waitlist" className="underline">
                          {t("notifications.openWaitlist")}
                        </Link>
                      </>
                    )}
                    {requests && (
                      <>
                        {" · "}
                        <Link href={requests} data-testid="notification-requests" className="underline">
                          {requests === "/requests" ? t("notifications.openRequests") : t("notifications.openOrganizer")}
                        </Link>
                      </>
                    )}
                    {isAccountNotification(n.kind) && (
                      <>
                        {" · "}
                        <Link href="/account" className="underline">
                          {t("notifications.openAccount")}
                        </Link>
                      </>
                    )}
                  </p>
                </div>
                {!n.read_at && (
                  <button
                    type="button"
                    data-testid="mark-read"
                    onClick={() => void markRead(n.id)}
                    className="shrink-0 self-start rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:border-blue-500 sm:self-auto"
                  >
                    {t("notifications.markRead")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
