// The organizer's view of a session's line (GET /sessions/{id}/waitlist): people waiting and offers running in
// order, then the entries settled lately.
import type { components } from "@/lib/api/schema";

export type SessionWaitlist = components["schemas"]["SessionWaitlist"];
export type WaitlistLine = components["schemas"]["WaitlistLine"];

/** Only someone still waiting can be taken off the line; an offer running runs its course. */
export function canRemove(line: WaitlistLine): boolean {
  return line.status === "waiting";
}
