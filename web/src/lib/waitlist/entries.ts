// A person's places in line (GET /waitlist) and what each one shows: a place, an offer running (taken by
// accepting a free one, or by paying its booking), a booking made, or an ended entry.
import type { components } from "@/lib/api/schema";
import { secondsLeft } from "@/lib/countdown";

export type WaitlistEntry = components["schemas"]["WaitlistEntryRead"];

export const ENTRY_STATUSES = ["waiting", "offered", "booked", "lapsed", "left", "removed"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export function isEntryStatus(status: string): status is EntryStatus {
  return (ENTRY_STATUSES as readonly string[]).includes(status);
}

export type EntryView = {
  /** The status to name; an unknown one reads as ended. */
  status: EntryStatus;
  /** While waiting: 1 = next. */
  position: number | null;
  /** An offer still in the entry: its deadline, whether it costs nothing, and whether time is up. */
  offer: { expiresAt: string | null; free: boolean; ended: boolean } | null;
  /** A free offer is taken here (POST /waitlist/{id}/accept). */
  accept: boolean;
  /** A paid offer is taken by paying its booking, on the booking's page. */
  payHref: string | null;
  /** The booking an offer was taken with. */
  bookingHref: string | null;
  /** Leaving the line, or declining the offer running (POST /waitlist/{id}/leave). */
  leave: "leave" | "decline" | null;
};

/** What an entry shows at `now`. */
export function entryView(entry: WaitlistEntry, now: Date = new Date()): EntryView {
  const status: EntryStatus = isEntryStatus(entry.status) ? entry.status : "lapsed";
  const booking = entry.booking_id ? `/bookings/${entry.booking_id}` : null;
  const view: EntryView = { status, position: null, offer: null, accept: false, payHref: null, bookingHref: null, leave: null };
  switch (status) {
    case "waiting":
      return { ...view, position: entry.position, leave: "leave" };
    case "offered": {
      const ended = entry.offer_expires_at !== null && secondsLeft(entry.offer_expires_at, now) === 0;
      // A total not known yet is treated as paid: the booking's page shows what it costs.
      const free = entry.offer_total === 0;
      return {
        ...view,
        offer: { expiresAt: entry.offer_expires_at, free, ended },
        accept: free && !ended,
        payHref: !free && !ended ? booking : null,
        leave: ended ? null : "decline",
      };
    }
    case "booked":
      return { ...view, bookingHref: booking };
    default:
      return view;
  }
}

/** The entry an accept or a leave answered with, in place of the one shown. */
export function replaceEntry(entries: readonly WaitlistEntry[], updated: WaitlistEntry): WaitlistEntry[] {
  return entries.map((entry) => (entry.id === updated.id ? updated : entry));
}

/** The `booking_id` a `409 payment_required` names, or null. */
export function paymentRequiredBooking(error: unknown): string | null {
  if (!error || typeof error !== "object") return null;
  const body = error as Record<string, unknown>;
  return body.code === "payment_required" && typeof body.booking_id === "string" ? body.booking_id : null;
}
