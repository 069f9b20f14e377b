import { describe, expect, it } from "vitest";

import type { components } from "@/lib/api/schema";

import { clampQuantity, joinBody, readJoinRefusal, sessionOptions, waitlistOffer, zoneOptions, type WaitlistOption } from "./join";

type TicketType = components["schemas"]["TicketTypeRead"];
type ZoneOffer = components["schemas"]["ZoneOffer"];

function ticketType(id: string, name: string, max = 6): TicketType {
  return {
    id,
    event_id: "e",
    name,
    description: "",
    price: 0,
    currency: "KZT",
    max_per_order: max,
    is_active: true,
    approval_required: false,
  };
}

function zone(name: string, available: number, prices: [string, string][]): ZoneOffer {
  return {
    zone: name,
    available,
    seats: 20,
    prices: prices.map(([id, label]) => ({ ticket_type_id: id, name: label, price: 100, currency: "KZT" })),
  };
}

const types = [ticketType("std", "Standard"), ticketType("vip", "VIP", 2)];

describe("options", () => {
  it("gives every ticket type of an unseated session the session's free seats", () => {
    expect(sessionOptions(types, 3)).toEqual([
      { ticketTypeId: "std", name: "Standard", pool: "", free: 3, max: 6 },
      { ticketTypeId: "vip", name: "VIP", pool: "", free: 3, max: 2 },
    ]);
  });

  it("gives each price of a seated session its zone's free seats and the type's limit", () => {
    const zones = [zone("stalls", 4, [["s1", "Stalls"]]), zone("balcony", 0, [["b1", "Balcony"], ["b2", "Balcony, student"]])];
    expect(zoneOptions(zones, new Map([["b1", 4]]))).toEqual([
      { ticketTypeId: "s1", name: "Stalls", pool: "stalls", free: 4, max: 10 },
      { ticketTypeId: "b1", name: "Balcony", pool: "balcony", free: 0, max: 4 },
      { ticketTypeId: "b2", name: "Balcony, student", pool: "balcony", free: 0, max: 10 },
    ]);
  });
});

describe("waitlistOffer", () => {
  it("offers nothing while the seats asked for are free, or nothing is asked and seats are left", () => {
    expect(waitlistOffer(sessionOptions(types, 5), [{ ticket_type_id: "std", quantity: 5 }], true)).toBeNull();
    expect(waitlistOffer(sessionOptions(types, 5), [], true)).toBeNull();
  });

  it("offers a sold-out session, one ticket of the first type to start with", () => {
    expect(waitlistOffer(sessionOptions(types, 0), [], true)).toEqual({
      options: sessionOptions(types, 0),
      initial: { ticketTypeId: "std", quantity: 1 },
      reason: "full",
    });
  });

  it("starts from what was asked when it is more than is free, counting every type of the same seats", () => {
    const asked = [
      { ticket_type_id: "std", quantity: 0 },
      { ticket_type_id: "vip", quantity: 2 },
      { ticket_type_id: "std", quantity: 2 },
    ];
    const offer = waitlistOffer(sessionOptions(types, 3), asked, true);
    expect(offer?.initial).toEqual({ ticketTypeId: "vip", quantity: 2 });
    expect(offer?.reason).toBe("short");
  });

  it("keeps a starting quantity within the type's limit", () => {
    expect(waitlistOffer(sessionOptions(types, 1), [{ ticket_type_id: "vip", quantity: 9 }], true)?.initial).toEqual({
      ticketTypeId: "vip",
      quantity: 2,
    });
  });

  it("offers only the full zones of a seated session", () => {
    const options = zoneOptions([zone("stalls", 4, [["s1", "Stalls"]]), zone("balcony", 0, [["b1", "Balcony"]])], new Map());
    const offer = waitlistOffer(options, [{ ticket_type_id: "s1", quantity: 2 }], true);
    expect(offer?.options.map((o) => o.ticketTypeId)).toEqual(["b1"]);
    expect(offer?.initial).toEqual({ ticketTypeId: "b1", quantity: 1 });
    expect(offer?.reason).toBe("full");
  });

  it("offers nothing for a session not on sale, or without ticket types", () => {
    expect(waitlistOffer(sessionOptions(types, 0), [], false)).toBeNull();
    expect(waitlistOffer([] as WaitlistOption[], [], true)).toBeNull();
  });
});

describe("the request", () => {
  it("clamps a typed quantity to a whole number from 1 to the limit", () => {
    expect(clampQuantity(3, 6)).toBe(3);
    expect(clampQuantity(0, 6)).toBe(1);
    expect(clampQuantity(9, 6)).toBe(6);
    expect(clampQuantity(2.7, 6)).toBe(2);
    expect(clampQuantity(Number.NaN, 6)).toBe(1);
  });

  it("sends the ticket type and quantity", () => {
    expect(joinBody({ ticketTypeId: "std", quantity: 2 }, 6)).toEqual({ ticket_type_id: "std", quantity: 2 });
    expect(joinBody({ ticketTypeId: "vip", quantity: 5 }, 2)).toEqual({ ticket_type_id: "vip", quantity: 2 });
  });

  it("reads a refusal: seats free now (and how many), a place held already, or another code", () => {
    expect(readJoinRefusal({ code: "seats_available", available: 4 })).toEqual({ kind: "seats_available", available: 4 });
    expect(readJoinRefusal({ code: "seats_available" })).toEqual({ kind: "seats_available", available: null });
    expect(readJoinRefusal({ code: "already_waiting" })).toEqual({ kind: "already_waiting" });
    expect(readJoinRefusal({ code: "not_on_sale" })).toEqual({ kind: "other", code: "not_on_sale" });
    expect(readJoinRefusal(undefined)).toEqual({ kind: "other", code: null });
  });
});
