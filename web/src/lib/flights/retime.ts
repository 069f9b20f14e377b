// The carrier's retime form (flights.md §11): local date and time at the origin, then either a duration or a
// local arrival at the destination, turned into ISO 8601 with each airport's own offset for PATCH.
import { isoToVenueLocal, isoWithOffset, zonedLocalToIso } from "@/lib/time-zone";

export type RetimeInput = {
  date: string;
  time: string;
  mode: "duration" | "arrival";
  /** Minutes, as typed. */
  duration: string;
  arrivalDate: string;
  arrivalTime: string;
};

export type RetimeProblem = "departure" | "duration" | "arrival" | "order" | "unchanged";

export type RetimeResult = { ok: true; departs_at: string; arrives_at: string } | { ok: false; problem: RetimeProblem };

/** The form's starting values: the departure's current local times and duration. */
export function retimeDefaults(
  departsAt: string,
  arrivesAt: string,
  departureZone: string,
  arrivalZone: string,
): RetimeInput {
  const out = isoToVenueLocal(departsAt, departureZone) ?? "";
  const back = isoToVenueLocal(arrivesAt, arrivalZone) ?? "";
  const minutes = Math.round((Date.parse(arrivesAt) - Date.parse(departsAt)) / 60_000);
  return {
    date: out.slice(0, 10),
    time: out.slice(11, 16),
    mode: "duration",
    duration: Number.isFinite(minutes) ? String(minutes) : "",
    arrivalDate: back.slice(0, 10),
    arrivalTime: back.slice(11, 16),
  };
}

/** Reads the form; `current` (the departure's instants) tells an unchanged schedule apart. */
export function retimeTimes(
  input: RetimeInput,
  departureZone: string,
  arrivalZone: string,
  current?: { departs_at: string; arrives_at: string },
): RetimeResult {
  const departs = zonedLocalToIso(input.date, input.time, departureZone);
  if (departs === null) return { ok: false, problem: "departure" };
  let arrives: string | null;
  if (input.mode === "duration") {
    const minutes = Number(input.duration);
    if (!/^\d+$/.test(input.duration.trim()) || minutes < 1 || minutes > 24 * 60) return { ok: false, problem: "duration" };
    arrives = isoWithOffset(Date.parse(departs) + minutes * 60_000, arrivalZone);
  } else {
    arrives = zonedLocalToIso(input.arrivalDate, input.arrivalTime, arrivalZone);
  }
  if (arrives === null) return { ok: false, problem: "arrival" };
  if (Date.parse(arrives) <= Date.parse(departs)) return { ok: false, problem: "order" };
  if (current && Date.parse(current.departs_at) === Date.parse(departs) && Date.parse(current.arrives_at) === Date.parse(arrives)) {
    return { ok: false, problem: "unchanged" };
  }
  return { ok: true, departs_at: departs, arrives_at: arrives };
}
