import { describe, expect, it } from "vitest";

import { formatCountdown, formatDateTime, formatMoney, secondsLeft } from "./format";

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

describe("formatDateTime", () => {
  const iso = "2025-03-01T14:30:00Z";

  it("shows the time in the given time zone, not the machine's", () => {
    expect(plain(formatDateTime(iso, "Asia/Tokyo", "en"))).toBe("1 Mar 2025, 23:30");
    expect(plain(formatDateTime(iso, "America/New_York", "en"))).toBe("1 Mar 2025, 09:30");
  });

  it("crosses the date line when the zone says so", () => {
    expect(plain(formatDateTime("2025-03-01T20:00:00Z", "Asia/Tokyo", "en"))).toBe("2 Mar 2025, 05:00");
  });

  it("falls back to UTC without a zone", () => {
    expect(plain(formatDateTime(iso, null, "en"))).toBe("1 Mar 2025, 14:30");
    expect(plain(formatDateTime(iso, undefined, "en"))).toBe("1 Mar 2025, 14:30");
  });

  it("uses Russian month names in Russian", () => {
    const text = plain(formatDateTime(iso, "Asia/Tokyo", "ru"));
    expect(text).toContain("мар");
    expect(text).toContain("2025");
    expect(text).toContain("23:30");
  });
});

describe("countdown", () => {
  const now = new Date("2025-03-01T12:00:00Z");

  it("counts whole seconds left until the deadline", () => {
    expect(secondsLeft("2025-03-01T12:15:00Z", now)).toBe(900);
    expect(secondsLeft("2025-03-01T12:00:01.900Z", now)).toBe(1);
  });

  it("never goes negative", () => {
    expect(secondsLeft("2025-03-01T11:59:00Z", now)).toBe(0);
  });

  it("formats as m:ss", () => {
    expect(formatCountdown(900)).toBe("15:00");
    expect(formatCountdown(65)).toBe("1:05");
    expect(formatCountdown(9)).toBe("0:09");
    expect(formatCountdown(0)).toBe("0:00");
  });
});
