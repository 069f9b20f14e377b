// How the organizer client components read and word the API's errors.
import type { Messages } from "@/i18n/catalogue";
import { errorMessage, type Translate } from "@/i18n/translate";

export type ParsedApiError = { status: number | null; code: string | null; detail: string | null; extra: Record<string, unknown> };

/** Reads `{status_code, detail, code, ...extra}` from an openapi-fetch error without trusting its shape. */
export function parseApiError(error: unknown): ParsedApiError {
  const parsed: ParsedApiError = { status: null, code: null, detail: null, extra: {} };
  if (!error || typeof error !== "object") return parsed;
  const record = error as Record<string, unknown>;
  if (typeof record.status_code === "number") parsed.status = record.status_code;
  if (typeof record.code === "string") parsed.code = record.code;
  if (typeof record.detail === "string") parsed.detail = record.detail;
  parsed.extra = record;
  return parsed;
}

// Codes whose English detail says what to fix (e.g. "Add sessions and ticket types before publishing").
const DETAILED = new Set(["not_publishable", "invalid_listing", "validation_error", "capacity_below_booked", "invalid_seat", "invalid_seat_map"]);
// Codes with organizer wording (org.error.*): one entry per message, checked against the catalogue.
type OrgErrorCode = keyof Messages["org"]["error"];
const ORG_CODES: Record<OrgErrorCode, true> = {
  not_publishable: true,
  invalid_listing: true,
  event_cancelled: true,
  currency_mismatch: true,
  capacity_below_booked: true,
  forbidden: true,
  not_found: true,
  conflict: true,
};

function isOrgCode(code: string | null): code is OrgErrorCode {
  return code !== null && Object.hasOwn(ORG_CODES, code);
}

/** A readable message for an API error: our own wording for organizer codes, the shared one otherwise. */
export function describeApiError(t: Translate, error: unknown): string {
  const { code, detail } = parseApiError(error);
  const base = isOrgCode(code) ? t(`org.error.${code}`) : errorMessage(t, code);
  if (code && DETAILED.has(code) && detail) return `${base} ${detail}`;
  if (!code && detail) return detail;
  return base;
}

/** A network failure (fetch threw) reads like any other unknown error. */
export function networkError(t: Translate): string {
  return errorMessage(t, null);
}
