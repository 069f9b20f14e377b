// Which part of the double-blind rating an encounter is at, for the one signed in.
import type { Encounter } from "./types";

export type RatingState =
  | "cancelled" // the booking or slot was cancelled: nothing to rate
  | "noShow" // a guest marked as not having come: cannot rate, may dispute
  | "revealed" // both sides (or whatever was given) are visible
  | "waiting" // I rated; theirs stays hidden until they rate or the window closes
  | "notOpen" // the showing has not ended yet
  | "closed" // the window closed and I never rated
  | "rateBack" // they rated me: rate back to see it
  | "open"; // I may rate

export function ratingState(encounter: Encounter, now: number = Date.now()): RatingState {
  if (encounter.status === "cancelled") return "cancelled";
  if (encounter.revealed_at !== null) return "revealed";
  if (encounter.role === "guest" && encounter.no_show) return "noShow";
  if (encounter.mine !== null) return "waiting";
  if (now < Date.parse(encounter.window_opens_at)) return "notOpen";
  if (now >= Date.parse(encounter.window_closes_at)) return "closed";
  return encounter.counterpart_rated ? "rateBack" : "open";
}

/** Whether the state shows the rating form. */
export function canRate(state: RatingState): boolean {
  return state === "open" || state === "rateBack";
}
