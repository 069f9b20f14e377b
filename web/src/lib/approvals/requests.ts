// Requests for tickets sold on the organizer's approval (approvals.md), as the pages show them: the buyer's
// "My requests" (GET /requests) and the organizer's list for a session (GET /sessions/{id}/requests).
import type { components } from "@/lib/api/schema";

export type BookingRequest = components["schemas"]["RequestRead"];
export type RequestPage = components["schemas"]["RequestPage"];

export const REQUEST_STATUSES = ["pending", "approved", "declined", "expired", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export function isRequestStatus(status: string): status is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(status);
}

/**
 * The status to show at `now`: a pending request whose time is up reads as expired (the server expires it
 * within minutes), and a status the page does not know reads as expired too: nothing can be done with it.
 */
export function requestStatus(request: Pick<BookingRequest, "status" | "expires_at">, now: Date = new Date()): RequestStatus {
  if (!isRequestStatus(request.status)) return "expired";
  if (request.status === "pending" && Date.parse(request.expires_at) <= now.getTime()) return "expired";
  return request.status;
}

export type RequestView = {
  status: RequestStatus;
  /** While pending: when it expires without a decision. */
  expiresAt: string | null;
  /** While pending: whether seats are held for it meanwhile. */
  holdsSeats: boolean;
  /** Approved: the booking made, to pay (or see, when free). */
  bookingHref: string | null;
  /** Declined: the organizer's reason, when one was given. */
  declineReason: string | null;
  /** Only a pending request can be withdrawn (POST /requests/{id}/withdraw). */
  withdraw: boolean;
};

/** What one of the buyer's requests shows at `now`. */
export function requestView(request: BookingRequest, now: Date = new Date()): RequestView {
  const status = requestStatus(request, now);
  const pending = status === "pending";
  const reason = request.decline_reason?.trim();
  return {
    status,
    expiresAt: pending ? request.expires_at : null,
    holdsSeats: pending && request.holds_seats,
    bookingHref: status === "approved" && request.booking_id ? `/bookings/${request.booking_id}` : null,
    declineReason: status === "declined" && reason ? reason : null,
    withdraw: pending,
  };
}

/** Whether the organizer can still approve or decline a request at `now`. */
export function canDecide(request: Pick<BookingRequest, "status" | "expires_at">, now: Date = new Date()): boolean {
  return requestStatus(request, now) === "pending";
}

/** The request an action answered with, in place of the one shown. */
export function replaceRequest(requests: readonly BookingRequest[], updated: BookingRequest): BookingRequest[] {
  return requests.map((request) => (request.id === updated.id ? updated : request));
}
