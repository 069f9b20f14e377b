import { describe, expect, it } from "vitest";

import { emptyFare, fareBody, readBags } from "./fares";

describe("fareBody", () => {
  it("turns a price in major units into integer minor units", () => {
    const draft = { ...emptyFare(1), name: " Economy Light ", price: "25000", checkedBags: "1" };
    expect(fareBody(draft)).toEqual({
      name: "Economy Light",
      cabin: "economy",
      price: 2500000,
      currency: "KZT",
      refundable: false,
      changeable: false,
      cabin_bags: 1,
      checked_bags: 1,
    });
    expect(fareBody({ ...draft, price: "99.5", currency: "USD" })).toMatchObject({ price: 9950, currency: "USD" });
    expect(fareBody({ ...draft, price: "1500", currency: "JPY" })).toMatchObject({ price: 1500 });
  });

  it("says what is missing or malformed", () => {
    expect(fareBody(emptyFare(1))).toBe("required");
    expect(fareBody({ ...emptyFare(1), name: "Flex", price: "12,345.6.7" })).toBe("badPrice");
    expect(fareBody({ ...emptyFare(1), name: "Flex", price: "-5" })).toBe("badPrice");
    expect(fareBody({ ...emptyFare(1), name: "Flex", price: "10", checkedBags: "6" })).toBe("badBags");
  });
});

describe("readBags", () => {
  it("takes 0 to 5", () => {
    expect(readBags("0")).toBe(0);
    expect(readBags(" 5 ")).toBe(5);
    expect(readBags("6")).toBeNull();
    expect(readBags("")).toBeNull();
  });
});
