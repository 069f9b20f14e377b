// How the departure page words the flights API's refusals: its own wording for schedule-change codes (with the
// seats an aircraft change lacks), the carrier wording for the rest.
import type { Translate } from "@/i18n/translate";

import { parseApiError } from "../api-errors";
import { describeCarrierError } from "../flights/carrier-errors";

const OWN = ["cabin_sold_out", "capacity_below_booked", "departure_cancelled", "manifest_not_available"] as const;
type Own = (typeof OWN)[number];
const isOwn = (code: string | null): code is Own => code !== null && (OWN as readonly string[]).includes(code);

/** The seat codes a `409 aircraft_change_conflict` lists (strings, top-level `seats`). */
export function conflictSeats(extra: Record<string, unknown>): string[] {
  return Array.isArray(extra.seats) ? extra.seats.filter((seat): seat is string => typeof seat === "string") : [];
}

export function departureErrorText(t: Translate, error: unknown): string {
  const { code, detail, extra } = parseApiError(error);
  if (code === "aircraft_change_conflict") {
    return t("departure.error.aircraft_change_conflict", { seats: conflictSeats(extra).join(", ") || "—" });
  }
  if (code === "invalid_schedule") return detail ? `${t("departure.error.invalid_schedule")} ${detail}` : t("departure.error.invalid_schedule");
  if (isOwn(code)) return t(`departure.error.${code}`);
  return describeCarrierError(t, error);
}
