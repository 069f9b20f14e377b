import { describe, expect, it } from "vitest";

import { formatMoney, fromMinorUnits, toMinorUnits } from "./money";

// Intl uses no-break spaces (U+00A0, U+202F) as group separators and before symbols; compare with plain spaces.
const plain = (value: string) => value.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats tenge (2 minor digits) in English and Russian", () => {
    expect(plain(formatMoney(500000, "KZT", "en"))).toMatch(/^(KZT|₸) ?5,000$/);
    expect(plain(formatMoney(500000, "KZT", "ru"))).toMatch(/^5 000 (KZT|₸)$/);
    expect(plain(formatMoney(1234567, "KZT", "en"))).toMatch(/^(KZT|₸) ?12,345\.67$/);
    expect(plain(formatMoney(1234567, "KZT", "ru"))).toMatch(/^12 345,67 (KZT|₸)$/);
  });

  it("formats dollars, keeping cents only when there are some", () => {
    expect(formatMoney(1250, "USD", "en")).toBe("$12.50");
    expect(formatMoney(1999, "USD", "en")).toBe("$19.99");
    expect(formatMoney(2000, "USD", "en")).toBe("$20");
    expect(plain(formatMoney(1250, "USD", "ru"))).toBe("12,50 $");
    expect(plain(formatMoney(2000, "USD", "ru"))).toBe("20 $");
  });

  it("treats yen as having no minor unit", () => {
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
    expect(plain(formatMoney(1500, "JPY", "ru"))).toBe("1 500 ¥");
    expect(formatMoney(0, "JPY", "en")).toBe("¥0");
  });
});

describe("fromMinorUnits", () => {
  it("prefills prices in major units", () => {
    expect(fromMinorUnits(450000, "KZT")).toBe("4500");
    expect(fromMinorUnits(1250, "USD")).toBe("12.50");
    expect(fromMinorUnits(1205, "EUR")).toBe("12.05");
    expect(fromMinorUnits(99, "USD")).toBe("0.99");
    expect(fromMinorUnits(0, "KZT")).toBe("0");
  });

  it("leaves zero-decimal currencies as they are", () => {
    expect(fromMinorUnits(4500, "JPY")).toBe("4500");
    expect(fromMinorUnits(15000, "KRW")).toBe("15000");
    expect(fromMinorUnits(0, "JPY")).toBe("0");
  });

  it("round-trips with toMinorUnits", () => {
    for (const currency of ["KZT", "USD", "JPY", "KRW"]) {
      for (const amount of [0, 1, 5, 99, 100, 1250, 1999, 450000, 123456789]) {
        expect(toMinorUnits(fromMinorUnits(amount, currency), currency), `${amount} ${currency}`).toBe(amount);
      }
    }
  });
});

describe("toMinorUnits", () => {
  it("reads a typed price in major units", () => {
    expect(toMinorUnits("4500", "KZT")).toBe(450000);
    expect(toMinorUnits("12.5", "USD")).toBe(1250);
    expect(toMinorUnits("12,05", "EUR")).toBe(1205);
    expect(toMinorUnits(" 4 500 ", "KZT")).toBe(450000);
    expect(toMinorUnits("4500", "JPY")).toBe(4500);
  });

  it("refuses what is not a non-negative amount in the currency's digits", () => {
    expect(toMinorUnits("", "KZT")).toBeNull();
    expect(toMinorUnits("-5", "USD")).toBeNull();
    expect(toMinorUnits("1.999", "USD")).toBeNull();
    expect(toMinorUnits("abc", "USD")).toBeNull();
    expect(toMinorUnits("4500.5", "JPY")).toBeNull();
  });
});
