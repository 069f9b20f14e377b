// Asking for tickets sold on the organizer's approval from the event page (approvals.md, "Buyers"): which
// choices need a request instead of a booking, the request's body, what a refusal means, and how long a
// request holds its seats.
import type { components } from "@/lib/api/schema";

type BookingItem = components["schemas"]["BookingItem"];
type RequestCreate = components["schemas"]["RequestCreate"];
type TicketType = Pick<components["schemas"]["TicketTypeRead"], "id" | "approval_required">;

/** The longest note the organizer can be sent. */
export const NOTE_MAX = 500;

/** What sells on approval: the whole listing, only some of its ticket types, or nothing. */
export type ApprovalScope = "listing" | "some" | "none";

export function approvalScope(listingRequires: boolean, ticketTypes: readonly TicketType[]): ApprovalScope {
  if (listingRequires) return "listing";
  return ticketTypes.some((tt) => tt.approval_required) ? "some" : "none";
}

/** Whether these tickets are asked for with a request: the listing, or one of the ticket types chosen, says so. */
export function needsApproval(listingRequires: boolean, ticketTypes: readonly TicketType[], items: readonly BookingItem[]): boolean {
  if (listingRequires) return true;
  const onApproval = new Set(ticketTypes.filter((tt) => tt.approval_required).map((tt) => tt.id));
  return items.some((item) => item.quantity > 0 && onApproval.has(item.ticket_type_id));
}

/**
 * The ticket types a waiting list can take: none of a listing sold on approval, and none sold on approval
 * elsewhere (the waiting list refuses them: an offer could never be booked).
 */
export function freelySold<T extends TicketType>(listingRequires: boolean, ticketTypes: readonly T[]): T[] {
  return listingRequires ? [] : ticketTypes.filter((tt) => !tt.approval_required);
}

/** The body of POST /sessions/{id}/requests: the tickets chosen and the note, trimmed to what the API takes. */
export function requestBody(items: readonly BookingItem[], note: string): RequestCreate {
  return {
    items: items.filter((item) => item.quantity > 0).map((item) => ({ ticket_type_id: item.ticket_type_id, quantity: item.quantity })),
    message: note.trim().slice(0, NOTE_MAX),
  };
}

/** What a refused request means for the event page. */
export type RequestRefusal =
  /** The tickets can simply be booked: the form goes back to booking. */
  | { kind: "book_instead" }
  /** No seats for a request that would hold them. */
  | { kind: "sold_out" }
  /** Signed out meanwhile. */
  | { kind: "signed_out" }
  | { kind: "other"; code: string | null };

export function readRequestRefusal(error: unknown): RequestRefusal {
  const body = error && typeof error === "object" ? (error as Record<string, unknown>) : {};
  const code = typeof body.code === "string" ? body.code : null;
  if (code === "approval_not_required") return { kind: "book_instead" };
  if (code === "sold_out") return { kind: "sold_out" };
  if (code === "not_authenticated" || body.status_code === 401) return { kind: "signed_out" };
  return { kind: "other", code };
}

/** Whether a refused booking asks for a request instead (`409 approval_required`). */
export function asksForRequest(error: unknown): boolean {
  return Boolean(error && typeof error === "object" && (error as Record<string, unknown>).code === "approval_required");
}

/** A hold time in whole days, hours and minutes (e.g. 1500 → 1 d 1 h 0 min), for reading it out. */
export function holdParts(minutes: number): { days: number; hours: number; minutes: number } {
  const whole = Math.max(0, Math.trunc(Number.isFinite(minutes) ? minutes : 0));
  return { days: Math.floor(whole / 1440), hours: Math.floor((whole % 1440) / 60), minutes: whole % 60 };
}
