import { describe, expect, it } from "vitest";

import {
  bestAvailableItems,
  defaultPrice,
  dropTaken,
  itemsTotal,
  overLimit,
  REFUSAL_SHOWN_MS,
  refusalKept,
  seatBooking,
  shownUnavailable,
  toggleSeat,
  unavailableSeats,
  type ZoneOffer,
} from "./booking";

const ADULT = "00000000-0000-4000-8000-0000000000a1";
const CONCESSION = "00000000-0000-4000-8000-0000000000a2";
const BALCONY = "00000000-0000-4000-8000-0000000000b1";

const offers: ZoneOffer[] = [
  {
    zone: "balcony",
    seats: 64,
    available: 62,
    prices: [{ ticket_type_id: BALCONY, name: "Balcony", price: 0, currency: "KZT" }],
  },
  {
    zone: "stalls",
    seats: 240,
    available: 240,
    prices: [
      { ticket_type_id: CONCESSION, name: "Concession", price: 600_000, currency: "KZT" },
      { ticket_type_id: ADULT, name: "Stalls", price: 1_200_000, currency: "KZT" },
    ],
  },
];
const stalls = offers[1];

describe("seatBooking", () => {
  it("counts tickets per type and lists the seats item by item", () => {
    const { items, seats } = seatBooking([
      { code: "STALLS-A-4", zone: "stalls", ticketTypeId: ADULT },
      { code: "BALC-A-1", zone: "balcony", ticketTypeId: BALCONY },
      { code: "STALLS-A-5", zone: "stalls", ticketTypeId: CONCESSION },
      { code: "STALLS-A-6", zone: "stalls", ticketTypeId: ADULT },
    ]);
    expect(items).toEqual([
      { ticket_type_id: ADULT, quantity: 2 },
      { ticket_type_id: BALCONY, quantity: 1 },
      { ticket_type_id: CONCESSION, quantity: 1 },
    ]);
    // The server gives a zone's seats to its tickets in order, and writes the tickets item by item: the
    // stalls tickets are adult, adult, concession, so A-6 (adult) must come before A-5 (concession).
    expect(seats).toEqual(["STALLS-A-4", "STALLS-A-6", "BALC-A-1", "STALLS-A-5"]);
  });

  it("sends nothing for no seats", () => {
    expect(seatBooking([])).toEqual({ items: [], seats: [] });
  });
});

describe("choosing seats", () => {
  it("gives a chosen seat its zone's full price, and takes it back on a second press", () => {
    expect(defaultPrice(stalls)?.ticket_type_id).toBe(ADULT);
    const chosen = toggleSeat([], { code: "STALLS-B-1", zone: "stalls" }, stalls);
    expect(chosen).toEqual([{ code: "STALLS-B-1", zone: "stalls", ticketTypeId: ADULT }]);
    expect(toggleSeat(chosen, { code: "STALLS-B-1", zone: "stalls" }, stalls)).toEqual([]);
  });

  it("does not pick a seat of a zone nobody sells", () => {
    expect(toggleSeat([], { code: "BOX-A-1", zone: "boxes" }, undefined)).toEqual([]);
    expect(defaultPrice({ zone: "boxes", seats: 4, available: 4, prices: [] })).toBeNull();
  });

  it("drops the seats that were just taken", () => {
    const chosen = [
      { code: "BALC-A-7", zone: "balcony", ticketTypeId: BALCONY },
      { code: "BALC-A-9", zone: "balcony", ticketTypeId: BALCONY },
    ];
    expect(dropTaken(chosen, new Set(["BALC-A-7", "BALC-A-8"]))).toEqual({ kept: [chosen[1]], lost: ["BALC-A-7"] });
  });
});

describe("best available", () => {
  it("sends the counts above zero, in the zones' order, without seats", () => {
    expect(bestAvailableItems({ [ADULT]: 2, [CONCESSION]: 0, [BALCONY]: 3 }, offers)).toEqual([
      { ticket_type_id: BALCONY, quantity: 3 },
      { ticket_type_id: ADULT, quantity: 2 },
    ]);
  });
});

describe("totals and limits", () => {
  it("adds up the items at their zone prices", () => {
    expect(itemsTotal([{ ticket_type_id: ADULT, quantity: 2 }, { ticket_type_id: CONCESSION, quantity: 1 }], offers)).toBe(3_000_000);
  });

  it("names the ticket types booked beyond their per-order limit", () => {
    const limits = new Map([[ADULT, 2], [BALCONY, 6]]);
    expect(overLimit([{ ticket_type_id: ADULT, quantity: 3 }, { ticket_type_id: BALCONY, quantity: 6 }], limits)).toEqual([
      { ticketTypeId: ADULT, max: 2 },
    ]);
  });
});

describe("unavailableSeats", () => {
  it("reads the seats a 409 seat_unavailable names", () => {
    const error = { status_code: 409, code: "seat_unavailable", detail: "These seats were just taken", seats: ["BALC-A-7", 3] };
    expect(unavailableSeats(error)).toEqual(["BALC-A-7"]);
    expect(unavailableSeats({ code: "sold_out" })).toEqual([]);
    expect(unavailableSeats(null)).toEqual([]);
  });
});

describe("seats a refused booking named", () => {
  const refusal = { sessionId: "s1", codes: new Set(["A-1"]), at: 10_000 };

  it("stay shown taken on a map read soon after, even one that still shows them free", () => {
    const kept = refusalKept(refusal, "s1", 10_000 + REFUSAL_SHOWN_MS);
    expect(kept).toBe(refusal);
    expect([...shownUnavailable(["B-2"], kept)].sort()).toEqual(["A-1", "B-2"]);
  });

  it("give way to a later map, which says how they stand now, and to another session's", () => {
    expect([...shownUnavailable([], refusalKept(refusal, "s1", 10_001 + REFUSAL_SHOWN_MS))]).toEqual([]);
    expect(refusalKept(refusal, "s2", 10_000)).toEqual({ sessionId: "s2", codes: new Set(), at: 0 });
  });
});
