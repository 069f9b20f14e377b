// Money is integer minor units plus an ISO 4217 code; times are UTC, shown in the session's time zone.
export type Lang = "en" | "ru";

const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0 };

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const digits = MINOR_UNITS[currency] ?? 2;
  const major = amount / 10 ** digits;
  return new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
}

export function formatDateTime(iso: string, timeZone: string | null | undefined, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone ?? "UTC",
  }).format(new Date(iso));
}

export function secondsLeft(expiresAt: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now.getTime()) / 1000));
}

export function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${s.toString().padStart(2, "0")}`;
}
