// A buyer's choice on a seated session turned into POST /bookings (seating.md, "Buying"): counts per ticket
// type in `items` and, when seats were chosen on the map, their codes in `seats`, matched by the server to
// the tickets of each price zone in the order given.
import type { components } from "@/lib/api/schema";

export type ZoneOffer = components["schemas"]["ZoneOffer"];
export type ZonePrice = components["schemas"]["ZonePrice"];
export type BookingItem = components["schemas"]["BookingItem"];

/** A seat the buyer chose, with the ticket type (price) it is booked at. */
export type ChosenSeat = { code: string; zone: string; ticketTypeId: string };

/**
 * The items and seats of a booking of chosen seats. The server writes tickets item by item, and gives the
 * seats of each zone to that zone's tickets in order: so items follow the order their ticket types were
 * first chosen in, and the seats are listed item by item, in the order each was chosen.
 */
export function seatBooking(chosen: readonly ChosenSeat[]): { items: BookingItem[]; seats: string[] } {
  const byType = new Map<string, string[]>();
  for (const seat of chosen) {
    const codes = byType.get(seat.ticketTypeId) ?? [];
    codes.push(seat.code);
    byType.set(seat.ticketTypeId, codes);
  }
  const items = [...byType].map(([ticketTypeId, codes]) => ({ ticket_type_id: ticketTypeId, quantity: codes.length }));
  return { items, seats: [...byType.values()].flat() };
}

/** The items of a best-available booking: a count per ticket type, those above zero. */
export function bestAvailableItems(quantities: Readonly<Record<string, number>>, offers: readonly ZoneOffer[]): BookingItem[] {
  return offers.flatMap((offer) =>
    offer.prices.flatMap((price) => {
      const quantity = quantities[price.ticket_type_id] ?? 0;
      return quantity > 0 ? [{ ticket_type_id: price.ticket_type_id, quantity }] : [];
    }),
  );
}

/** The price a seat of a zone gets when chosen: the zone's full (highest) price; null when none is on sale. */
export function defaultPrice(offer: ZoneOffer | undefined): ZonePrice | null {
  if (!offer || offer.prices.length === 0) return null;
  return offer.prices.reduce((best, price) => (price.price > best.price ? price : best));
}

/** Picks a seat, or puts it back when already chosen. A seat of a zone without a price is not picked. */
export function toggleSeat(chosen: readonly ChosenSeat[], seat: { code: string; zone: string }, offer: ZoneOffer | undefined): ChosenSeat[] {
  if (chosen.some((c) => c.code === seat.code)) return chosen.filter((c) => c.code !== seat.code);
  const price = defaultPrice(offer);
  if (!price) return [...chosen];
  return [...chosen, { code: seat.code, zone: seat.zone, ticketTypeId: price.ticket_type_id }];
}

/** Every price of every zone, by ticket type id. */
export function pricesById(offers: readonly ZoneOffer[]): Map<string, ZonePrice> {
  return new Map(offers.flatMap((offer) => offer.prices.map((price) => [price.ticket_type_id, price] as const)));
}

/** The total of a booking's items, in minor units (types without a price count as zero). */
export function itemsTotal(items: readonly BookingItem[], offers: readonly ZoneOffer[]): number {
  const prices = pricesById(offers);
  return items.reduce((sum, item) => sum + (prices.get(item.ticket_type_id)?.price ?? 0) * item.quantity, 0);
}

/** The ticket types booked more often than one order allows, with their limit. */
export function overLimit(
  items: readonly BookingItem[],
  limits: ReadonlyMap<string, number>,
): { ticketTypeId: string; max: number }[] {
  return items.flatMap((item) => {
    const max = limits.get(item.ticket_type_id);
    return max !== undefined && item.quantity > max ? [{ ticketTypeId: item.ticket_type_id, max }] : [];
  });
}

/** The seats a `409 seat_unavailable` names (its `seats`), or none. */
export function unavailableSeats(error: unknown): string[] {
  if (!error || typeof error !== "object" || !("seats" in error) || !Array.isArray(error.seats)) return [];
  return error.seats.filter((code): code is string => typeof code === "string");
}

/** The chosen seats that are no longer free, and the choice without them. */
export function dropTaken(chosen: readonly ChosenSeat[], unavailable: ReadonlySet<string>): { kept: ChosenSeat[]; lost: string[] } {
  const lost = chosen.filter((c) => unavailable.has(c.code)).map((c) => c.code);
  return { kept: lost.length ? chosen.filter((c) => !unavailable.has(c.code)) : [...chosen], lost };
}

/** Seats a refused booking named (409 seat_unavailable), for one session, and when. */
export type Refusal = { sessionId: string | null; codes: ReadonlySet<string>; at: number };

/** How long seats a refused booking named stay shown taken whatever the map says (it may be a second old). */
export const REFUSAL_SHOWN_MS = 5_000;

/**
 * The refusal still shown once a map of `sessionId` arrives at `now`: kept for a map read soon after it (the
 * server may answer a live map from memory), dropped for another session or a later map, which says how the
 * seats stand now.
 */
export function refusalKept(refusal: Refusal, sessionId: string | null, now: number): Refusal {
  return refusal.sessionId === sessionId && now - refusal.at <= REFUSAL_SHOWN_MS
    ? refusal
    : { sessionId, codes: new Set(), at: 0 };
}

/** The seats shown taken: the map's, and any a recent refusal named. */
export function shownUnavailable(mapUnavailable: readonly string[], refusal: Refusal): Set<string> {
  return new Set([...mapUnavailable, ...refusal.codes]);
}
