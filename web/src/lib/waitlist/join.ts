// Joining a session's waiting list from the event page (waitlist.md, "People in line"): when the seats asked
// for are not free, the form offers a place in line for one ticket type and a quantity.
import type { components } from "@/lib/api/schema";

export type WaitlistJoin = components["schemas"]["WaitlistJoin"];
type BookingItem = components["schemas"]["BookingItem"];
type TicketType = components["schemas"]["TicketTypeRead"];
type ZoneOffer = components["schemas"]["ZoneOffer"];

/**
 * A ticket type someone may queue for. Ticket types drawing on the same seats share a `pool` (the whole
 * session, or on a seated session the price zone), and `free` is how many seats that pool has now.
 */
export type WaitlistOption = { ticketTypeId: string; name: string; pool: string; free: number; max: number };

export type WaitlistChoice = { ticketTypeId: string; quantity: number };

/** Why the waiting list is offered: fewer seats free than asked for, or none at all for some tickets. */
export type WaitlistReason = "short" | "full";

/** An unseated session: every ticket type draws on the session's free seats. */
export function sessionOptions(ticketTypes: readonly TicketType[], available: number): WaitlistOption[] {
  return ticketTypes.map((tt) => ({ ticketTypeId: tt.id, name: tt.name, pool: "", free: available, max: tt.max_per_order }));
}

/** A seated session: each price of each zone, with that zone's free seats. */
export function zoneOptions(zones: readonly ZoneOffer[], limits: ReadonlyMap<string, number>): WaitlistOption[] {
  return zones.flatMap((zone) =>
    zone.prices.map((price) => ({
      ticketTypeId: price.ticket_type_id,
      name: price.name,
      pool: zone.zone,
      free: zone.available,
      max: limits.get(price.ticket_type_id) ?? 10,
    })),
  );
}

/**
 * What the waiting list offers, or null when it has nothing to offer (the seats asked for can be booked, or
 * the session is not on sale). Asked-for tickets beyond their pool's free seats come first, starting from the
 * first such item; otherwise the ticket types whose seats are all gone, one ticket to start with.
 */
export function waitlistOffer(
  options: readonly WaitlistOption[],
  asked: readonly BookingItem[],
  onSale: boolean,
): { options: WaitlistOption[]; initial: WaitlistChoice; reason: WaitlistReason } | null {
  if (!onSale || options.length === 0) return null;
  const byId = new Map(options.map((o) => [o.ticketTypeId, o]));
  const wanted = new Map<string, number>();
  for (const item of asked) {
    const pool = byId.get(item.ticket_type_id)?.pool;
    if (pool !== undefined && item.quantity > 0) wanted.set(pool, (wanted.get(pool) ?? 0) + item.quantity);
  }
  const short = new Set(options.filter((o) => (wanted.get(o.pool) ?? 0) > o.free).map((o) => o.pool));
  const shortOption = (item: BookingItem) => {
    const option = byId.get(item.ticket_type_id);
    return option && item.quantity > 0 && short.has(option.pool) ? option : undefined;
  };
  const first = asked.find((item) => shortOption(item) !== undefined);
  const option = first && shortOption(first);
  if (first && option) {
    return {
      options: options.filter((o) => short.has(o.pool)),
      initial: { ticketTypeId: option.ticketTypeId, quantity: clampQuantity(first.quantity, option.max) },
      reason: "short",
    };
  }
  const full = options.filter((o) => o.free <= 0);
  if (full.length === 0) return null;
  return { options: full, initial: { ticketTypeId: full[0]!.ticketTypeId, quantity: 1 }, reason: "full" };
}

/** A typed quantity as one the waiting list takes: a whole number from 1 to `max`. */
export function clampQuantity(value: number, max: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.max(1, Math.min(Math.max(1, max), Math.trunc(value)));
}

/** The body of POST /sessions/{id}/waitlist. */
export function joinBody(choice: WaitlistChoice, max: number): WaitlistJoin {
  return { ticket_type_id: choice.ticketTypeId, quantity: clampQuantity(choice.quantity, max) };
}

/** What a refused join means for the page: seats to book now, a place held already, or another reason. */
export type JoinRefusal =
  | { kind: "seats_available"; available: number | null }
  | { kind: "already_waiting" }
  | { kind: "other"; code: string | null };

export function readJoinRefusal(error: unknown): JoinRefusal {
  const body = error && typeof error === "object" ? (error as Record<string, unknown>) : {};
  const code = typeof body.code === "string" ? body.code : null;
  if (code === "seats_available") return { kind: "seats_available", available: typeof body.available === "number" ? body.available : null };
  if (code === "already_waiting") return { kind: "already_waiting" };
  return { kind: "other", code };
}
