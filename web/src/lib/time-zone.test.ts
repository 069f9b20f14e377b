import { describe, expect, it } from "vitest";

import { formatDateTime, isoToVenueLocal, venueLocalToIso } from "./time-zone";

// Intl uses no-break spaces (U+00A0, U+202F) as group separators and before symbols; compare with plain spaces.
const plain = (value: string) => value.replace(/[\u00a0\u202f]/g, " ");

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

/** Every `datetime-local` value from `from` (inclusive) for `hours` hours, in `stepMinutes` steps. */
function wallTimes(from: string, hours: number, stepMinutes = 30): string[] {
  const start = Date.parse(`${from}:00Z`);
  const values: string[] = [];
  for (let m = 0; m < hours * 60; m += stepMinutes) values.push(new Date(start + m * 60_000).toISOString().slice(0, 16));
  return values;
}

/** Every instant from `from` (UTC, inclusive) for `hours` hours, in `stepMinutes` steps. */
function instants(from: string, hours: number, stepMinutes = 30): string[] {
  const start = Date.parse(from);
  const values: string[] = [];
  for (let m = 0; m < hours * 60; m += stepMinutes) values.push(new Date(start + m * 60_000).toISOString());
  return values;
}

describe("isoToVenueLocal", () => {
  it("shows an instant as the venue's wall-clock time", () => {
    expect(isoToVenueLocal("2026-07-01T17:00:00Z", "Europe/Berlin")).toBe("2026-07-01T19:00"); // CEST, +2
    expect(isoToVenueLocal("2026-01-15T18:00:00Z", "Europe/Berlin")).toBe("2026-01-15T19:00"); // CET, +1
    expect(isoToVenueLocal("2020-06-01T13:00:00Z", "Asia/Almaty")).toBe("2020-06-01T19:00"); // +6 then
    expect(isoToVenueLocal("2026-05-01T10:00:00Z", "Asia/Tokyo")).toBe("2026-05-01T19:00");
    expect(isoToVenueLocal("2026-05-01T19:00:00Z", "UTC")).toBe("2026-05-01T19:00");
  });

  it("crosses the date line and keeps seconds only when there are some", () => {
    expect(isoToVenueLocal("2026-12-31T22:30:00Z", "Europe/Berlin")).toBe("2026-12-31T23:30");
    expect(isoToVenueLocal("2026-12-31T23:30:00Z", "Europe/Berlin")).toBe("2027-01-01T00:30");
    expect(isoToVenueLocal("2026-05-01T19:00:45.250Z", "UTC")).toBe("2026-05-01T19:00:45");
  });

  it("reads offsets written into the ISO string", () => {
    expect(isoToVenueLocal("2026-05-01T19:00:00+05:00", "UTC")).toBe("2026-05-01T14:00");
  });

  it("returns null for something that is not a date", () => {
    expect(isoToVenueLocal("not a date", "Europe/Berlin")).toBeNull();
    expect(isoToVenueLocal("", "UTC")).toBeNull();
  });

  it("falls back to the browser's zone for a zone Intl does not know, like venueLocalToIso", () => {
    const iso = venueLocalToIso("2026-05-01T19:00", "Nowhere/Atlantis");
    expect(iso).not.toBeNull();
    expect(isoToVenueLocal(iso!, "Nowhere/Atlantis")).toBe("2026-05-01T19:00");
  });
});

describe("venueLocalToIso and isoToVenueLocal round trip", () => {
  const zones = ["Europe/Berlin", "Asia/Almaty", "UTC", "America/New_York", "Asia/Kolkata"];

  it.each(zones)("wall time -> instant -> wall time is the identity in %s over a year", (zone) => {
    for (const local of wallTimes("2026-01-01T00:00", 365 * 24, 7 * 60 + 13)) {
      if (zone === "Europe/Berlin" && local.startsWith("2026-03-29T02")) continue; // skipped hour, below
      if (zone === "America/New_York" && local.startsWith("2026-03-08T02")) continue;
      expect(isoToVenueLocal(venueLocalToIso(local, zone)!, zone), `${local} in ${zone}`).toBe(local);
    }
  });

  it.each(zones)("instant -> wall time -> instant is the identity in %s over a year", (zone) => {
    for (const iso of instants("2026-01-01T00:00:00Z", 365 * 24, 7 * 60 + 13)) {
      if (zone === "Europe/Berlin" && iso.startsWith("2026-10-25T0")) continue; // repeated hour, below
      if (zone === "America/New_York" && iso.startsWith("2026-11-01T0")) continue;
      expect(venueLocalToIso(isoToVenueLocal(iso, zone)!, zone), `${iso} in ${zone}`).toBe(iso);
    }
  });

  it("round-trips every half hour across Berlin's spring-forward and fall-back days", () => {
    for (const day of ["2026-03-28T12:00", "2026-10-24T12:00"]) {
      for (const local of wallTimes(day, 36)) {
        if (local.startsWith("2026-03-29T02")) continue; // does not exist
        expect(isoToVenueLocal(venueLocalToIso(local, "Europe/Berlin")!, "Europe/Berlin")).toBe(local);
      }
    }
  });

  it("maps Berlin's DST switch instants exactly", () => {
    // Spring forward: 02:00 CET -> 03:00 CEST at 01:00 UTC.
    expect(venueLocalToIso("2026-03-29T01:30", "Europe/Berlin")).toBe("2026-03-29T00:30:00.000Z");
    expect(venueLocalToIso("2026-03-29T03:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    expect(isoToVenueLocal("2026-03-29T00:59:00Z", "Europe/Berlin")).toBe("2026-03-29T01:59");
    expect(isoToVenueLocal("2026-03-29T01:00:00Z", "Europe/Berlin")).toBe("2026-03-29T03:00");
    // Fall back: 03:00 CEST -> 02:00 CET at 01:00 UTC; 02:xx happens twice.
    expect(isoToVenueLocal("2026-10-25T00:30:00Z", "Europe/Berlin")).toBe("2026-10-25T02:30");
    expect(isoToVenueLocal("2026-10-25T01:30:00Z", "Europe/Berlin")).toBe("2026-10-25T02:30");
  });

  it("moves a wall time that the spring-forward skips an hour later, to a real time", () => {
    const iso = venueLocalToIso("2026-03-29T02:30", "Europe/Berlin");
    expect(iso).toBe("2026-03-29T01:30:00.000Z");
    expect(isoToVenueLocal(iso!, "Europe/Berlin")).toBe("2026-03-29T03:30");
  });

  it("reads a repeated fall-back wall time as one of its two instants, which shows the same wall time", () => {
    const iso = venueLocalToIso("2026-10-25T02:30", "Europe/Berlin");
    expect(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]).toContain(iso);
    expect(isoToVenueLocal(iso!, "Europe/Berlin")).toBe("2026-10-25T02:30");
  });

  it("handles Almaty's move from UTC+6 to UTC+5 in March 2024 consistently with Intl", () => {
    // Whether this runtime's time zone data has the change or not, both directions must agree.
    for (const local of wallTimes("2024-02-28T00:00", 72)) {
      const iso = venueLocalToIso(local, "Asia/Almaty");
      if (isoToVenueLocal(iso!, "Asia/Almaty") !== local) {
        // Only a wall time repeated by the clock going back (midnight -> 23:00 on 29 February) may differ.
        expect(local.startsWith("2024-02-29T23"), local).toBe(true);
      }
    }
    for (const iso of instants("2024-02-28T00:00:00Z", 72)) {
      const local = isoToVenueLocal(iso, "Asia/Almaty")!;
      expect(isoToVenueLocal(venueLocalToIso(local, "Asia/Almaty")!, "Asia/Almaty")).toBe(local);
    }
  });
});
