// Ticket transfers, as the pages see them: what a transfer's status allows, which of a booking's tickets are
// offered or given away, whether the listing lets tickets be given now, the request bodies, and the paths
// that carry a transfer link's token through signing in.
import type { components } from "@/lib/api/schema";

export type Transfer = components["schemas"]["TransferRead"];
type TransferCreate = components["schemas"]["TransferCreate"];
type TransferAccept = components["schemas"]["TransferAccept"];

/** The statuses the API sends: `pending` reads `expired` once the offer has run out. */
export const TRANSFER_STATUSES = ["pending", "expired", "accepted", "cancelled"] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export function isTransferStatus(value: string): value is TransferStatus {
  return (TRANSFER_STATUSES as readonly string[]).includes(value);
}

/** Only an offer still open may be withdrawn; an expired, accepted or withdrawn one is history. */
export function canWithdraw(transfer: Pick<Transfer, "status">): boolean {
  return transfer.status === "pending";
}

/** What became of one ticket: offered to someone (open offer), given away (accepted), or neither. */
export type TicketTransferState =
  | { kind: "none" }
  | { kind: "offered"; transfer: Transfer }
  | { kind: "transferred"; transfer: Transfer };

export function ticketTransferState(ticket: { id: string; status: string }, transfers: readonly Transfer[]): TicketTransferState {
  const own = transfers.filter((transfer) => transfer.ticket_id === ticket.id);
  const accepted = own.find((transfer) => transfer.status === "accepted");
  if (accepted && ticket.status === "cancelled") return { kind: "transferred", transfer: accepted };
  const pending = own.find(canWithdraw);
  if (pending) return { kind: "offered", transfer: pending };
  return { kind: "none" };
}

/** The listing's rule for giving tickets away, as far as the page knows it. */
export type TransferWindow =
  | { kind: "open"; closesAt: string }
  | { kind: "disabled" }
  | { kind: "closed"; closedAt: string }
  /** Flights' and watch parties' tickets belong to their people: no transfers at all. */
  | { kind: "none" }
  /** The listing could not be read: offer anyway and let the API say. */
  | { kind: "unknown" };

type TransferRules = { transfers_enabled: boolean; transfer_cutoff_hours: number; kind: string; managed_by?: string | null };

export function transferWindow(event: TransferRules | null, sessionStartsAt: string, now: number): TransferWindow {
  if (!event) return { kind: "unknown" };
  if (!hasTransfers(event)) return { kind: "none" };
  if (!event.transfers_enabled) return { kind: "disabled" };
  const start = Date.parse(sessionStartsAt);
  if (Number.isNaN(start)) return { kind: "unknown" };
  const closes = new Date(start - event.transfer_cutoff_hours * 3_600_000).toISOString();
  return now >= Date.parse(closes) ? { kind: "closed", closedAt: closes } : { kind: "open", closesAt: closes };
}

/** Whether the "Give to someone" action shows for a ticket. */
export function canOffer(bookingStatus: string, ticket: { status: string }, state: TicketTransferState, window: TransferWindow): boolean {
  return (
    bookingStatus === "confirmed" &&
    ticket.status === "valid" &&
    state.kind === "none" &&
    (window.kind === "open" || window.kind === "unknown")
  );
}

// One "@" with something on each side and no spaces: the backend checks the address itself.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The body of an offer, or null when the address cannot be one. */
export function offerBody(email: string): TransferCreate | null {
  const address = email.trim();
  return EMAIL.test(address) && address.length <= 320 ? { email: address } : null;
}

/** The body of viewing or accepting an offer: the token goes in the body, never in an API URL. */
export function tokenBody(token: string): TransferAccept {
  return { token };
}

/** The link's token from the page's query, or null when there is none. */
export function tokenFromQuery(value: string | string[] | undefined): string | null {
  const token = Array.isArray(value) ? value[0] : value;
  const trimmed = token?.trim();
  return trimmed ? trimmed : null;
}

/** The accept page of a link (where signing in comes back to). */
export function acceptPath(token: string): string {
  return `/transfers/accept?${new URLSearchParams({ token }).toString()}`;
}

/** Logging in (or signing up) and coming back to the offer, its token kept in `next`. */
export function signInHref(token: string, mode: "login" | "signup"): string {
  return `/${mode}?${new URLSearchParams({ next: acceptPath(token) }).toString()}`;
}

/** What an answer to taking the ticket means for the page. */
export type AcceptProblem = "invalid" | "wrong_recipient" | "not_verified" | "not_open" | "signed_out" | "failed";

export function acceptProblem(status: number, code: string | null): AcceptProblem {
  if (code === "wrong_recipient") return "wrong_recipient";
  if (code === "email_not_verified") return "not_verified";
  if (code === "transfer_not_open" || code === "transfers_closed") return "not_open";
  if (status === 401) return "signed_out";
  if (status === 404 || code === "validation_error") return "invalid";
  return "failed";
}

/** Whole hours from 0 to 720, as the organizer types them; null for anything else. */
export function parseCutoffHours(value: string): number | null {
  const text = value.trim();
  if (!/^\d{1,3}$/.test(text)) return null;
  const hours = Number(text);
  return hours <= 720 ? hours : null;
}

type TransferSettings = { transfers_enabled: boolean; transfer_cutoff_hours?: number };

/**
 * The listing's transfer fields of its PATCH body: allowed and until how many hours before the start, or
 * only "not allowed" (the hours keep their value). Null when allowed with hours that are not 0–720.
 */
export function transferSettingsBody(enabled: boolean, cutoffText: string): TransferSettings | null {
  if (!enabled) return { transfers_enabled: false };
  const hours = parseCutoffHours(cutoffText);
  return hours === null ? null : { transfers_enabled: true, transfer_cutoff_hours: hours };
}

/** Whether a listing's tickets can be transferred at all (flights' and watch parties' belong to their people). */
export function hasTransfers(event: { kind: string; managed_by?: string | null }): boolean {
  return event.kind === "event" && !event.managed_by;
}
