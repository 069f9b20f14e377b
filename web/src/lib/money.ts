// Money is integer minor units plus an ISO 4217 code. How many minor digits a currency has is said here
// only, so parsing a typed price, prefilling a price input and showing an amount cannot disagree.
import type { Lang } from "@/i18n/catalogue";

/** The currencies a listing can sell in, in the order the editor offers them. */
export const CURRENCIES = ["KZT", "KGS", "UZS", "RUB", "USD", "EUR", "GBP", "TRY", "AED", "CNY", "GEL", "AMD", "AZN", "JPY", "KRW"];

// Currencies without the usual two minor digits.
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0 };

/** How many digits `currency` has after the decimal point: 2 for KZT or USD, 0 for JPY. */
export function minorDigits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/** "4500" KZT -> 450000 minor units; "4500" JPY -> 4500. Null when not a non-negative amount. */
export function toMinorUnits(value: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const normalized = value.trim().replace(/\s/g, "").replace(",", ".");
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(normalized)) return null;
  return Math.round(Number(normalized) * 10 ** digits);
}

/** The inverse of toMinorUnits, for prefilling a price input: 450000 KZT -> "4500", 1250 USD -> "12.50", 4500 JPY -> "4500". */
export function fromMinorUnits(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const factor = 10 ** digits;
  const major = Math.trunc(amount / factor);
  const minor = Math.abs(amount % factor);
  return minor === 0 ? String(major) : `${major}.${String(minor).padStart(digits, "0")}`;
}

/** An amount in minor units for display, with the currency's symbol; cents only when there are some. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const digits = minorDigits(currency);
  const major = amount / 10 ** digits;
  return new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
}
