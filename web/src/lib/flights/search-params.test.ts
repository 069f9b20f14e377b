import { describe, expect, it } from "vitest";

import { bookingQuery, parseBooking, parseSearch, searchQuery } from "./search-params";

const OUT = "0194a7f0-0000-7000-8000-000000000001";
const OUT_FARE = "0194a7f0-0000-7000-8000-000000000002";
const RET = "0194a7f0-0000-7000-8000-000000000003";
const RET_FARE = "0194a7f0-0000-7000-8000-000000000004";

describe("parseSearch", () => {
  it("reads a round trip, upper-casing codes and defaulting cabin", () => {
    const { search, problems } = parseSearch({
      origin: "ala",
      destination: "NQZ",
      departure_date: "2026-12-20",
      return_date: "2026-12-27",
      passengers: "2",
    });
    expect(problems).toEqual([]);
    expect(search).toEqual({
      origin: "ALA",
      destination: "NQZ",
      departureDate: "2026-12-20",
      returnDate: "2026-12-27",
      passengers: 2,
      cabin: "economy",
    });
  });

  it("reports what is wrong", () => {
    expect(parseSearch({ origin: "ALA", destination: "ala", departure_date: "2026-02-30" }).problems).toEqual([
      "sameAirports",
      "departureDate",
    ]);
    expect(
      parseSearch({ origin: "ALA", destination: "NQZ", departure_date: "2026-12-20", return_date: "2026-12-19", passengers: "10" })
        .problems,
    ).toEqual(["returnBeforeDeparture", "passengers"]);
    expect(parseSearch({}).problems).toContain("airports");
  });

  it("takes the first of repeated parameters", () => {
    const { search } = parseSearch({ origin: ["ALA", "FRU"], destination: "NQZ", departure_date: "2026-12-20", cabin: "business" });
    expect(search?.origin).toBe("ALA");
    expect(search?.cabin).toBe("business");
  });
});

describe("booking query", () => {
  const search = { origin: "ALA", destination: "NQZ", departureDate: "2026-12-20", returnDate: "2026-12-27", passengers: 2, cabin: "economy" as const };

  it("round-trips through the URL", () => {
    const query = bookingQuery(search, [
      { departureId: OUT, fareId: OUT_FARE },
      { departureId: RET, fareId: RET_FARE },
    ]);
    const raw = Object.fromEntries(new URLSearchParams(query));
    expect(parseBooking(raw)).toEqual({
      legs: [
        { departureId: OUT, fareId: OUT_FARE },
        { departureId: RET, fareId: RET_FARE },
      ],
      passengers: 2,
      cabin: "economy",
      back: `/flights/results?${searchQuery(search)}`,
    });
  });

  it("refuses ids that are not UUIDs, half legs and a return without an outbound", () => {
    expect(parseBooking({ out: "x", out_fare: OUT_FARE })).toBeNull();
    expect(parseBooking({ out: OUT })).toBeNull();
    expect(parseBooking({ ret: RET, ret_fare: RET_FARE })).toBeNull();
    expect(parseBooking({})).toBeNull();
    expect(parseBooking({ out: OUT, out_fare: OUT_FARE, passengers: "0" })).toBeNull();
    expect(parseBooking({ out: OUT, out_fare: OUT_FARE })?.back).toBe("/flights");
  });
});
