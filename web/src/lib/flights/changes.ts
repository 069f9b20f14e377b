// After booking (flights.md §9.4, §11, §12.2): which legs may change seats, which cancellations to offer, how
// a schedule change reads, and the seat changes a picker's choices amount to. Pure: the pages pass `now`.
import type { components } from "@/lib/api/schema";

type Order = components["schemas"]["OrderRead"];
type Leg = Order["legs"][number];
export type PendingChange = components["schemas"]["PendingChange"];
export type OrderChange = components["schemas"]["OrderChangeRead"];
export type SeatChange = components["schemas"]["SeatChange"];

/** Seats change and schedule changes are answered until an hour before the flight. */
export const CHANGE_CUTOFF_MS = 60 * 60 * 1000;

const CHANGEABLE_ORDER = new Set(["pending_payment", "confirmed"]);
const LIVE_LEG = new Set(["pending_payment", "confirmed"]);

export function isLiveLeg(leg: Pick<Leg, "status">): boolean {
  return LIVE_LEG.has(leg.status);
}

/** The legs whose seats may still change: a pending or confirmed order, a live leg, departing in over an hour. */
export function seatChangeLegs(order: Pick<Order, "status" | "legs">, now: number): Leg[] {
  if (!CHANGEABLE_ORDER.has(order.status)) return [];
  return order.legs.filter((leg) => isLiveLeg(leg) && Date.parse(leg.departs_at) - now > CHANGE_CUTOFF_MS);
}

/**
 * The changes a picker's choices make on one leg: each passenger whose chosen seat differs from the current one.
 * `current[i]` and `chosen[i]` belong to `passengerIds[i]`; "no preference" (null) keeps the current seat.
 */
export function seatChangesFor(
  leg: number,
  passengerIds: readonly string[],
  current: readonly (string | null)[],
  chosen: readonly (string | null)[],
): SeatChange[] {
  return passengerIds.flatMap((passenger_id, i) => {
    const seat = chosen[i] ?? null;
    return seat !== null && seat !== (current[i] ?? null) ? [{ passenger_id, leg, seat }] : [];
  });
}

/** What a traveller may cancel: the whole trip, or (a paid round trip whose return still stands) the return. */
export type CancelChoice = "all" | "return";

export function cancelChoices(order: Pick<Order, "status" | "trip_type" | "legs">, now: number): CancelChoice[] {
  const upcoming = order.legs.filter((leg) => isLiveLeg(leg) && Date.parse(leg.departs_at) > now);
  if (upcoming.length === 0 || !["pending_payment", "confirmed", "partially_cancelled"].includes(order.status)) return [];
  const choices: CancelChoice[] = ["all"];
  const outbound = order.legs.find((leg) => leg.leg === 1);
  const back = order.legs.find((leg) => leg.leg === 2);
  const paid = order.status !== "pending_payment";
  if (order.trip_type === "round_trip" && paid && back && upcoming.includes(back) && outbound && isLiveLeg(outbound)) {
    choices.push("return");
  }
  return choices;
}

/** The `legs` query of GET …/cancellation-quote (undefined: the whole order). */
export function quoteLegs(choice: CancelChoice): string | undefined {
  return choice === "return" ? "2" : undefined;
}

/** The `legs` of POST …/cancel (null: the whole order). */
export function cancelLegs(choice: CancelChoice): number[] | null {
  return choice === "return" ? [2] : null;
}

/** How the schedule-change banner words a change (keys of trip.banner.kind). */
export type BannerWording = "cancelled" | "retimedConflict" | "retimed" | "aircraft";

export function bannerWording(change: Pick<PendingChange, "kind" | "conflicts_with_return">): BannerWording {
  if (change.kind === "cancelled") return "cancelled";
  if (change.conflicts_with_return) return "retimedConflict";
  if (change.kind === "aircraft") return "aircraft";
  return "retimed";
}

/** A leg with an unanswered change, and the old times from the change list when the list has it. */
export type BannerItem = {
  leg: Leg;
  change: PendingChange;
  wording: BannerWording;
  oldDepartsAt: string | null;
  oldArrivesAt: string | null;
};

export function bannerItems(order: Pick<Order, "legs">, history: readonly OrderChange[]): BannerItem[] {
  return order.legs.flatMap((leg) => {
    const change = leg.pending_change;
    if (!change) return [];
    const record = history.find((item) => item.change_id === change.change_id && item.leg === leg.leg);
    return [
      {
        leg,
        change,
        wording: bannerWording(change),
        oldDepartsAt: record?.old_departs_at ?? null,
        oldArrivesAt: record?.old_arrives_at ?? null,
      },
    ];
  });
}

/** Changes already answered (or superseded), newest first. */
export function pastChanges(history: readonly OrderChange[]): OrderChange[] {
  return history.filter((item) => item.status !== "pending").sort((a, b) => b.created_at.localeCompare(a.created_at));
}
