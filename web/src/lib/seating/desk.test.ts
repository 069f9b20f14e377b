import { describe, expect, it } from "vitest";

import { deskActions, deskStatuses, toggleCode, type SeatHolder } from "./desk";

function holder(seat: string, status: string, ticket: string | null = null): SeatHolder {
  return {
    seat,
    status,
    ticket_id: ticket,
    booking_id: ticket ? "b" : null,
    booking_reference: ticket ? "ABC123" : null,
    ticket_type_name: ticket ? "Balcony" : null,
    attendee_name: null,
    checked_in: false,
  };
}

const statuses = deskStatuses(
  ["BALC-A-7", "BALC-A-8", "BALC-A-9", "STALLS-A-20"],
  [holder("BALC-A-7", "sold", "t7"), holder("BALC-A-8", "held", "t8"), holder("BALC-A-9", "blocked")],
);
const zoneOf = (code: string) => (code.startsWith("BALC") ? "balcony" : code.startsWith("STALLS") ? "stalls" : undefined);

describe("deskStatuses", () => {
  it("tells sold, held and blocked seats from the map's own closed ones", () => {
    expect(Object.fromEntries(statuses)).toEqual({
      "BALC-A-7": "sold",
      "BALC-A-8": "held",
      "BALC-A-9": "blocked",
      "STALLS-A-20": "closed",
    });
  });
});

describe("deskActions", () => {
  it("blocks free seats only", () => {
    expect(deskActions(["BALC-A-1", "BALC-A-2"], statuses, null, zoneOf).block).toBe(true);
    expect(deskActions(["BALC-A-1", "BALC-A-7"], statuses, null, zoneOf).block).toBe(false);
    expect(deskActions(["STALLS-A-20"], statuses, null, zoneOf).block).toBe(false);
    expect(deskActions([], statuses, null, zoneOf)).toEqual({ block: false, release: false, move: false });
  });

  it("releases seats blocked for the session, never the map's closed ones", () => {
    expect(deskActions(["BALC-A-9"], statuses, null, zoneOf).release).toBe(true);
    expect(deskActions(["STALLS-A-20"], statuses, null, zoneOf).release).toBe(false);
    expect(deskActions(["BALC-A-9", "BALC-A-1"], statuses, null, zoneOf).release).toBe(false);
  });

  it("moves a picked ticket to one free seat of its zone", () => {
    const moving = { seat: "BALC-A-7" };
    expect(deskActions(["BALC-B-1"], statuses, moving, zoneOf).move).toBe(true);
    expect(deskActions(["STALLS-B-1"], statuses, moving, zoneOf).move).toBe(false);
    expect(deskActions(["BALC-A-8"], statuses, moving, zoneOf).move).toBe(false);
    expect(deskActions(["BALC-B-1", "BALC-B-2"], statuses, moving, zoneOf).move).toBe(false);
    expect(deskActions(["BALC-B-1"], statuses, null, zoneOf).move).toBe(false);
  });

  it("toggles seats in and out of the selection", () => {
    expect(toggleCode(["A"], "B")).toEqual(["A", "B"]);
    expect(toggleCode(["A", "B"], "A")).toEqual(["B"]);
  });
});
