import { describe, expect, it } from "vitest";

import {
  bannerItems,
  bannerWording,
  cancelChoices,
  cancelLegs,
  pastChanges,
  quoteLegs,
  seatChangeLegs,
  seatChangesFor,
  type OrderChange,
  type PendingChange,
} from "./changes";

const NOW = Date.parse("2026-12-01T00:00:00Z");

function leg(n: number, departs: string, status = "confirmed", pending: PendingChange | null = null) {
  return {
    leg: n,
    booking_id: `b${n}`,
    departure_id: `d${n}`,
    flight_number: n === 1 ? "TS101" : "TS102",
    origin: n === 1 ? "ALA" : "NQZ",
    destination: n === 1 ? "NQZ" : "ALA",
    departs_at: departs,
    arrives_at: departs,
    departure_timezone: "Asia/Almaty",
    arrival_timezone: "Asia/Almaty",
    fare: { id: "f", name: "Light", refundable: false, changeable: false, price: 1 },
    status,
    pending_change: pending,
  };
}

const change: PendingChange = {
  change_id: "c1",
  kind: "retimed",
  new_departs_at: "2026-12-20T03:30:00Z",
  new_arrives_at: "2026-12-20T05:10:00Z",
  conflicts_with_return: false,
  respond_by: "2026-12-20T01:30:00Z",
};

describe("seat changes", () => {
  it("offers legs of a live order departing in over an hour", () => {
    const legs = [leg(1, "2026-12-01T00:30:00Z"), leg(2, "2026-12-05T00:00:00Z"), leg(3, "2026-12-06T00:00:00Z", "cancelled")];
    expect(seatChangeLegs({ status: "confirmed", legs }, NOW).map((l) => l.leg)).toEqual([2]);
    expect(seatChangeLegs({ status: "cancelled", legs }, NOW)).toEqual([]);
  });

  it("sends only the seats that change", () => {
    expect(seatChangesFor(1, ["p1", "p2", "p3"], ["12A", "12B", "12C"], ["14A", "12B", null])).toEqual([
      { passenger_id: "p1", leg: 1, seat: "14A" },
    ]);
  });
});

describe("cancel choices", () => {
  const round = [leg(1, "2026-12-05T00:00:00Z"), leg(2, "2026-12-08T00:00:00Z")];
  it("offers the return alone for a paid round trip", () => {
    expect(cancelChoices({ status: "confirmed", trip_type: "round_trip", legs: round }, NOW)).toEqual(["all", "return"]);
  });
  it("cancels an unpaid trip whole", () => {
    const pending = round.map((l) => ({ ...l, status: "pending_payment" }));
    expect(cancelChoices({ status: "pending_payment", trip_type: "round_trip", legs: pending }, NOW)).toEqual(["all"]);
  });
  it("offers nothing once cancelled or flown", () => {
    expect(cancelChoices({ status: "cancelled", trip_type: "one_way", legs: [leg(1, "2026-12-05T00:00:00Z", "cancelled")] }, NOW)).toEqual([]);
    expect(cancelChoices({ status: "confirmed", trip_type: "one_way", legs: [leg(1, "2026-11-05T00:00:00Z")] }, NOW)).toEqual([]);
  });
  it("asks the quote and the cancellation for the chosen legs", () => {
    expect(quoteLegs("all")).toBeUndefined();
    expect(quoteLegs("return")).toBe("2");
    expect(cancelLegs("all")).toBeNull();
    expect(cancelLegs("return")).toEqual([2]);
  });
});

describe("schedule-change banner", () => {
  it("words each kind of change", () => {
    expect(bannerWording({ kind: "cancelled", conflicts_with_return: false })).toBe("cancelled");
    expect(bannerWording({ kind: "retimed", conflicts_with_return: true })).toBe("retimedConflict");
    expect(bannerWording({ kind: "retimed", conflicts_with_return: false })).toBe("retimed");
    expect(bannerWording({ kind: "aircraft", conflicts_with_return: false })).toBe("aircraft");
  });

  it("lists pending changes with the old times from the history", () => {
    const history: OrderChange[] = [
      {
        id: "x",
        change_id: "c1",
        kind: "retimed",
        departure_id: "d1",
        leg: 1,
        old_departs_at: "2026-12-20T02:30:00Z",
        old_arrives_at: "2026-12-20T04:10:00Z",
        new_departs_at: change.new_departs_at,
        new_arrives_at: change.new_arrives_at,
        conflicts_with_return: false,
        status: "pending",
        respond_by: change.respond_by,
        created_at: "2026-12-01T00:00:00Z",
      },
    ];
    const items = bannerItems({ legs: [leg(1, "2026-12-20T03:30:00Z", "confirmed", change), leg(2, "2026-12-25T00:00:00Z")] }, history);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ wording: "retimed", oldDepartsAt: "2026-12-20T02:30:00Z" });
    expect(pastChanges(history)).toEqual([]);
    expect(pastChanges([{ ...history[0]!, status: "accepted" }])).toHaveLength(1);
  });
});
