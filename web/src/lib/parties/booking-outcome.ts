// What a POST /parties/slots/{id}/bookings answered: a confirmed booking, a request sent, or a refusal.
import type { PartyBooking, PartyRequest } from "./types";

export type BookingOutcome =
  | { kind: "confirmed"; booking: PartyBooking }
  | { kind: "requested"; request: PartyRequest }
  | { kind: "refused"; code: string | null; available: number | null; retryable: boolean };

/** Codes the booking form words itself; anything else reads as the shared error text. */
export const BOOKING_CODES = [
  "own_party",
  "not_on_sale",
  "ticket_limit_reached",
  "already_booked",
  "already_requested",
  "sold_out",
  "idempotency_key_reused",
  "not_found",
] as const;
export type BookingCode = (typeof BOOKING_CODES)[number];

export function isBookingCode(code: string | null): code is BookingCode {
  return code !== null && (BOOKING_CODES as readonly string[]).includes(code);
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
}

/**
 * Reads the answer: 201 `{status: "confirmed", booking}`, 202 `{status: "requested", request}`, or an error
 * body `{code, available?}`. A refusal with a 4xx booked nothing: the next attempt gets a new key
 * (`retryable` false keeps the key, for a 5xx or a lost answer that may have booked).
 */
export function readBookingOutcome(status: number, body: unknown): BookingOutcome {
  const data = record(body);
  if (status === 201 && data?.status === "confirmed" && record(data.booking)) {
    return { kind: "confirmed", booking: data.booking as PartyBooking };
  }
  if (status === 202 && data?.status === "requested" && record(data.request)) {
    return { kind: "requested", request: data.request as PartyRequest };
  }
  const code = typeof data?.code === "string" ? data.code : null;
  const available = typeof data?.available === "number" ? data.available : null;
  return { kind: "refused", code, available, retryable: status >= 400 && status < 500 };
}

/** The `conflicting_slot_id` of a `409 slot_overlap` body, or null. */
export function conflictingSlotId(body: unknown): string | null {
  const data = record(body);
  return data?.code === "slot_overlap" && typeof data.conflicting_slot_id === "string" ? data.conflicting_slot_id : null;
}
