import { describe, expect, it } from "vitest";

import { errorPlace, legsToReload, markedSeats, readOrderError } from "./order-errors";

describe("readOrderError", () => {
  it("reads top-level extras", () => {
    const error = readOrderError({
      status_code: 409,
      code: "seat_unavailable",
      detail: "Someone else has this seat",
      seats: [{ leg: 2, seat: "20A" }, { leg: 2 }, "x"],
    });
    expect(error.seats).toEqual([{ leg: 2, seat: "20A" }]);
    expect(errorPlace(error)).toBe("seats");
    expect(legsToReload(error)).toEqual([2]);
    expect([...markedSeats(error, 2)]).toEqual(["20A"]);
    expect(markedSeats(error, 1).size).toBe(0);
  });

  it("places each kind of error", () => {
    expect(errorPlace(readOrderError({ code: "passenger_already_booked", leg: 1, passenger: 2 }))).toBe("passenger");
    expect(errorPlace(readOrderError({ code: "document_expired", passenger: 1 }))).toBe("passenger");
    expect(errorPlace(readOrderError({ code: "price_changed", total: 6_000_000 }))).toBe("price");
    expect(readOrderError({ code: "price_changed", total: 6_000_000 }).total).toBe(6_000_000);
    const soldOut = readOrderError({ code: "cabin_sold_out", leg: 2, available: 1 });
    expect(errorPlace(soldOut)).toBe("form");
    expect(legsToReload(soldOut)).toEqual([2]);
    expect(readOrderError({ code: "validation_error", errors: [{ field: "passengers.0.given_name" }] }).fields).toEqual([
      "passengers.0.given_name",
    ]);
    expect(readOrderError(null).code).toBe("unknown");
  });
});
