import { describe, expect, it } from "vitest";

import { dayShiftLabel, splitDuration } from "./itinerary";
import { priceSummary, selectionTotal } from "./pricing";

describe("dayShiftLabel", () => {
  it("is empty on the same local date", () => {
    expect(dayShiftLabel("2026-12-20T07:30:00+05:00", "Asia/Almaty", "2026-12-20T09:10:00+05:00", "Asia/Almaty")).toBe("");
  });

  it("says +1 when the arrival's own zone has moved to the next date", () => {
    // 23:30 in Almaty, landing 01:10 the next day in Almaty.
    expect(dayShiftLabel("2026-12-20T23:30:00+05:00", "Asia/Almaty", "2026-12-21T01:10:00+05:00", "Asia/Almaty")).toBe("+1");
    // Same instant pair, but read in the arrival airport's zone (UTC): still the 20th there, no +1.
    expect(dayShiftLabel("2026-12-20T23:30:00+05:00", "Asia/Almaty", "2026-12-21T01:10:00+05:00", "Europe/London")).toBe("");
  });

  it("can be negative westwards across the date line", () => {
    expect(dayShiftLabel("2026-12-21T08:00:00+13:00", "Pacific/Auckland", "2026-12-20T20:00:00-10:00", "Pacific/Honolulu")).toBe("-1");
  });
});

describe("splitDuration", () => {
  it("splits minutes", () => {
    expect(splitDuration(100)).toEqual({ hours: 1, minutes: 40 });
    expect(splitDuration(55)).toEqual({ hours: 0, minutes: 55 });
    expect(splitDuration(-3)).toEqual({ hours: 0, minutes: 0 });
  });
});

describe("priceSummary", () => {
  it("multiplies each fare by the party and adds the legs", () => {
    const summary = priceSummary(
      [
        { leg: 1, fareName: "Economy Light", price: 2_500_000, currency: "KZT" },
        { leg: 2, fareName: "Economy Flex", price: 3_100_000, currency: "KZT" },
      ],
      2,
    );
    expect(summary.lines.map((line) => line.subtotal)).toEqual([5_000_000, 6_200_000]);
    expect(summary.total).toBe(11_200_000);
    expect(summary.currency).toBe("KZT");
    expect(summary.mixedCurrencies).toBe(false);
  });

  it("flags mixed currencies and an empty order", () => {
    expect(priceSummary([{ leg: 1, fareName: "a", price: 1, currency: "KZT" }, { leg: 2, fareName: "b", price: 1, currency: "KGS" }], 1).mixedCurrencies).toBe(true);
    expect(priceSummary([], 3)).toEqual({ lines: [], total: 0, currency: null, mixedCurrencies: false });
  });

  it("totals a selection only once every slice has a fare", () => {
    expect(selectionTotal([5_000_000, null])).toBeNull();
    expect(selectionTotal([])).toBeNull();
    expect(selectionTotal([5_000_000, 6_000_000])).toBe(11_000_000);
  });
});
