// The organizer's approval settings of a listing (PATCH /events/{id}): whether every ticket is sold on
// approval, and how long a request holds its seats (0: nothing is held until approved).
import type { components } from "@/lib/api/schema";

type EventUpdate = components["schemas"]["EventUpdate"];

/** The longest hold the API takes: a week, in minutes. */
export const HOLD_MAX_MINUTES = 7 * 24 * 60;

/** Whole minutes from 0 to a week, as the organizer types them; null for anything else. */
export function parseHoldMinutes(value: string): number | null {
  const text = value.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const minutes = Number(text);
  return minutes <= HOLD_MAX_MINUTES ? minutes : null;
}

/**
 * The listing's approval fields of its PATCH body. The hold time applies to every request of the listing
 * (ticket types sold on approval too), so it is sent whether or not the whole listing is; null when it is not
 * a whole number of minutes from 0 to a week.
 */
export function approvalSettingsBody(
  required: boolean,
  holdText: string,
): Pick<EventUpdate, "approval_required" | "approval_hold_minutes"> | null {
  const minutes = parseHoldMinutes(holdText);
  return minutes === null ? null : { approval_required: required, approval_hold_minutes: minutes };
}

/** Whether a listing can sell on approval at all (flights and watch parties have their own ways). */
export function hasApprovals(event: { kind: string; managed_by?: string | null }): boolean {
  return event.kind === "event" && !event.managed_by;
}
