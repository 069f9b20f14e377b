import { describe, expect, it } from "vitest";

import { dayShift, formatDateIn, formatTimeIn, isoWithOffset, localDateIn, offsetAt, zonedLocalToIso } from "./time-zone";

const plain = (value: string) => value.replace(/[\u00a0\u202f]/g, " ");

describe("zonedLocalToIso", () => {
  it("writes a local time at the airport with that zone's offset", () => {
    expect(zonedLocalToIso("2026-12-20", "07:30", "Asia/Almaty")).toBe("2026-12-20T07:30:00+05:00");
    expect(zonedLocalToIso("2026-12-20", "07:30", "Europe/Moscow")).toBe("2026-12-20T07:30:00+03:00");
    expect(zonedLocalToIso("2026-12-20", "07:30", "UTC")).toBe("2026-12-20T07:30:00+00:00");
  });

  it("follows daylight-saving time date by date", () => {
    expect(zonedLocalToIso("2026-01-15", "09:00", "Europe/Berlin")).toBe("2026-01-15T09:00:00+01:00");
    expect(zonedLocalToIso("2026-07-15", "09:00", "Europe/Berlin")).toBe("2026-07-15T09:00:00+02:00");
    expect(zonedLocalToIso("2026-07-15", "09:00", "America/St_Johns")).toBe("2026-07-15T09:00:00-02:30");
  });

  it("refuses malformed parts and unknown zones", () => {
    expect(zonedLocalToIso("2026-12-20", "7:30", "Asia/Almaty")).toBeNull();
    expect(zonedLocalToIso("20.12.2026", "07:30", "Asia/Almaty")).toBeNull();
    expect(zonedLocalToIso("2026-12-20", "07:30", "Mars/Olympus")).toBeNull();
  });
});

describe("isoWithOffset and offsetAt", () => {
  it("expresses an instant in another zone", () => {
    const instant = Date.parse("2026-12-20T02:30:00Z");
    expect(offsetAt(instant, "Asia/Kolkata")).toBe("+05:30");
    expect(isoWithOffset(instant, "Asia/Tashkent")).toBe("2026-12-20T07:30:00+05:00");
    expect(isoWithOffset(instant + 100 * 60_000, "Europe/Moscow")).toBe("2026-12-20T07:10:00+03:00");
  });
});

describe("local dates and the next-day mark", () => {
  it("reads the calendar date at the airport", () => {
    expect(localDateIn("2026-12-20T20:00:00Z", "Asia/Almaty")).toBe("2026-12-21");
    expect(localDateIn("2026-12-20T20:00:00Z", "Europe/Moscow")).toBe("2026-12-20");
  });

  it("counts +1 when the local arrival is on the next local date", () => {
    // 23:00 in Almaty, landing 01:30 next day in Almaty's time.
    expect(dayShift("2026-12-20T18:00:00Z", "Asia/Almaty", "2026-12-20T20:30:00Z", "Asia/Almaty")).toBe(1);
    // The same flight landing in Moscow, where it is still the 20th.
    expect(dayShift("2026-12-20T18:00:00Z", "Asia/Almaty", "2026-12-20T20:30:00Z", "Europe/Moscow")).toBe(0);
    // Westbound over midnight in the destination zone can land "earlier".
    expect(dayShift("2026-12-20T19:30:00Z", "Asia/Almaty", "2026-12-20T20:30:00Z", "Europe/London")).toBe(-1);
  });

  it("prints times and dates in the airport's zone, never the machine's", () => {
    expect(formatTimeIn("2026-12-20T02:30:00Z", "Asia/Almaty", "en")).toBe("07:30");
    expect(formatTimeIn("2026-12-20T02:30:00Z", "Europe/Moscow", "ru")).toBe("05:30");
    expect(plain(formatDateIn("2026-12-20T20:00:00Z", "Asia/Almaty", "en"))).toBe("Mon, 21 Dec 2026");
  });
});
