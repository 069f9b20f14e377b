// How the carrier pages word the flights API's errors: carrier wording for flight codes, the code's own
// detail where it says what to fix, and the organizer wording for everything else.
import type { Messages } from "@/i18n/catalogue";
import type { Translate } from "@/i18n/translate";

import { describeApiError, parseApiError } from "../api-errors";

type CarrierCode = keyof Messages["carrier"]["error"];
const CARRIER_CODES: Record<CarrierCode, true> = {
  invalid_seat_map: true,
  conflict: true,
  invalid_route: true,
  airport_not_found: true,
  flight_number_taken: true,
  currency_mismatch: true,
  invalid_schedule: true,
  not_publishable: true,
  return_exists: true,
  not_found: true,
  aircraft_in_use: true,
  forbidden: true,
};

// Codes whose English detail names what to fix ("The business and economy cabins share rows").
const DETAILED = new Set(["invalid_seat_map", "invalid_route", "invalid_schedule", "not_publishable", "airport_not_found"]);

function isCarrierCode(code: string | null): code is CarrierCode {
  return code !== null && Object.hasOwn(CARRIER_CODES, code);
}

/** The field problems of a `400 validation_error`, as "field: message" lines. */
function fieldProblems(extra: Record<string, unknown>): string[] {
  const errors = extra.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((item: unknown) => {
    if (!item || typeof item !== "object") return [];
    const { field, message } = item as { field?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    return [typeof field === "string" && field ? `${field}: ${message}` : message];
  });
}

export function describeCarrierError(t: Translate, error: unknown): string {
  const { code, detail, extra } = parseApiError(error);
  if (code === "validation_error") {
    const problems = fieldProblems(extra);
    return problems.length ? `${describeApiError(t, error)} ${problems.join("; ")}` : describeApiError(t, error);
  }
  if (!isCarrierCode(code)) return describeApiError(t, error);
  const base = t(`carrier.error.${code}`);
  return DETAILED.has(code) && detail ? `${base} ${detail}` : base;
}
