// Instants travel as ISO 8601 UTC; people see and type them as wall-clock time in the listing's IANA zone.
import type { Lang } from "@/i18n/catalogue";

/** Zones the new-listing form suggests; any IANA name may be typed. */
export const SUGGESTED_TIME_ZONES = [
  "Asia/Almaty",
  "Asia/Aqtobe",
  "Asia/Aqtau",
  "Asia/Oral",
  "Asia/Qostanay",
  "Asia/Bishkek",
  "Asia/Tashkent",
  "Asia/Dubai",
  "Asia/Tbilisi",
  "Asia/Yerevan",
  "Asia/Baku",
  "Europe/Moscow",
  "Europe/Istanbul",
  "Europe/London",
  "Europe/Berlin",
  "UTC",
];

/** An instant for display in `timeZone` (UTC when there is none), with the language's month names. */
export function formatDateTime(iso: string, timeZone: string | null | undefined, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone ?? "UTC",
  }).format(new Date(iso));
}

/** The browser's own zone, or UTC when it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A `datetime-local` value ("2026-05-01T19:00") read as wall-clock time in the venue's zone, as ISO 8601 UTC.
 * Falls back to the browser's zone when the venue zone is unknown to Intl.
 */
export function venueLocalToIso(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0"));
  try {
    const first = wall - zoneOffsetMs(wall, timeZone);
    const second = wall - zoneOffsetMs(first, timeZone);
    return new Date(second).toISOString();
  } catch {
    const date = new Date(local);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
}

/**
 * The inverse of venueLocalToIso: an instant as wall-clock time in the venue's zone, as a `datetime-local`
 * value ("2026-05-01T19:00"; seconds only when there are some). Null when `iso` is not a date.
 * Falls back to the browser's zone when the venue zone is unknown to Intl, as venueLocalToIso does.
 */
export function isoToVenueLocal(iso: string, timeZone: string): string | null {
  const instant = new Date(iso).getTime();
  if (Number.isNaN(instant)) return null;
  let wall: number;
  try {
    wall = instant + zoneOffsetMs(instant, timeZone);
  } catch {
    const date = new Date(instant);
    wall = Date.UTC(
      date.getFullYear(),
      date.getMonth(),
      date.getDate(),
      date.getHours(),
      date.getMinutes(),
      date.getSeconds(),
    );
  }
  const w = new Date(wall);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const day = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
  const seconds = w.getUTCSeconds() ? `:${pad(w.getUTCSeconds())}` : "";
  return `${day}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}${seconds}`;
}

// Flights: every time is printed and typed in the airport's own zone, never the browser's.

/** The zone's offset at `instant` as "+05:00" (or "-03:30", "+00:00"). */
export function offsetAt(instant: number, timeZone: string): string {
  const minutes = Math.round(zoneOffsetMs(instant, timeZone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An instant as ISO 8601 with the zone's own offset: "2026-12-20T07:30:00+05:00". Null when not a date. */
export function isoWithOffset(instant: number, timeZone: string): string | null {
  const iso = new Date(instant).toISOString();
  const local = isoToVenueLocal(iso, timeZone);
  if (local === null) return null;
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}${offsetAt(instant, timeZone)}`;
}

/**
 * A local date ("2026-12-20") and time ("07:30") at an airport as ISO 8601 with that zone's offset, e.g.
 * "2026-12-20T07:30:00+05:00". Null when either part is malformed or the zone is unknown.
 */
export function zonedLocalToIso(date: string, time: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return null;
  }
  const utc = venueLocalToIso(`${date}T${time}`, timeZone);
  return utc === null ? null : isoWithOffset(new Date(utc).getTime(), timeZone);
}

/** The calendar date of an instant in a zone, as "2026-12-20". */
export function localDateIn(iso: string, timeZone: string): string | null {
  return isoToVenueLocal(iso, timeZone)?.slice(0, 10) ?? null;
}

/** How many calendar days the local arrival date is after the local departure date (the "+1" of timetables). */
export function dayShift(departsAt: string, departureZone: string, arrivesAt: string, arrivalZone: string): number {
  const from = localDateIn(departsAt, departureZone);
  const to = localDateIn(arrivesAt, arrivalZone);
  if (!from || !to) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "07:30": the wall-clock time of an instant in a zone (24-hour). */
export function formatTimeIn(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}

/** "Sun, 20 Dec 2026": the calendar date of an instant in a zone, with the weekday. */
export function formatDateIn(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone,
  }).format(new Date(iso));
}
