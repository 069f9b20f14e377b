// A slot is typed as a local date and time in the place's zone and sent as ISO 8601 with that zone's offset.
import { isoToVenueLocal, zonedLocalToIso } from "@/lib/time-zone";

export type SlotDraft = { date: string; start: string; end: string };
export type SlotTimes = { starts_at: string; ends_at: string | null };
export type SlotProblem = "date" | "start" | "end" | "zone";

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The form's date, start and optional end time in `timeZone` as the API wants them. An end time earlier than
 * (or equal to) the start is read as the next day (a showing past midnight).
 */
export function slotTimes(draft: SlotDraft, timeZone: string): { ok: true; times: SlotTimes } | { ok: false; problem: SlotProblem } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) return { ok: false, problem: "date" };
  if (!/^\d{2}:\d{2}$/.test(draft.start)) return { ok: false, problem: "start" };
  const startsAt = zonedLocalToIso(draft.date, draft.start, timeZone);
  if (startsAt === null) return { ok: false, problem: "zone" };
  if (!draft.end) return { ok: true, times: { starts_at: startsAt, ends_at: null } };
  if (!/^\d{2}:\d{2}$/.test(draft.end)) return { ok: false, problem: "end" };
  const endDate = draft.end <= draft.start ? nextDay(draft.date) : draft.date;
  const endsAt = zonedLocalToIso(endDate, draft.end, timeZone);
  if (endsAt === null) return { ok: false, problem: "zone" };
  return { ok: true, times: { starts_at: startsAt, ends_at: endsAt } };
}

/** A slot's instants back as the form's fields, in the place's zone (for moving a slot). */
export function slotDraftOf(startsAt: string, endsAt: string, timeZone: string): SlotDraft {
  const start = isoToVenueLocal(startsAt, timeZone) ?? "";
  const end = isoToVenueLocal(endsAt, timeZone) ?? "";
  return { date: start.slice(0, 10), start: start.slice(11, 16), end: end.slice(11, 16) };
}
