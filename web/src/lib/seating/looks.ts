// How each kind of map draws a seat. Colour is never the only cue: taken and blocked seats carry a cross,
// chosen ones a tick, wheelchair places are square, and every seat's name says its state.
import { SEAT_COLORS } from "./colors";
import type { DeskStatus } from "./desk";

export type SeatLook = { fill: string; stroke: string; mark: "none" | "cross" | "check"; markColor: string };

const FALLBACK_ZONE = "#64748b";

/** A seat that can be had: its zone's colour. */
export function freeLook(zoneColor: string | undefined): SeatLook {
  const color = zoneColor ?? FALLBACK_ZONE;
  return { fill: color, stroke: color, mark: "none", markColor: "#ffffff" };
}

export const CHOSEN_LOOK: SeatLook = { fill: SEAT_COLORS.chosen, stroke: SEAT_COLORS.chosen, mark: "check", markColor: "#ffffff" };

/** Held, sold or blocked for this session, or not for sale: grey with a cross. */
export const TAKEN_LOOK: SeatLook = { fill: SEAT_COLORS.taken, stroke: SEAT_COLORS.taken, mark: "cross", markColor: SEAT_COLORS.takenMark };

/** Blocked on the map itself (never sold): pale with a red cross. */
export const BLOCKED_LOOK: SeatLook = { fill: SEAT_COLORS.blocked, stroke: SEAT_COLORS.blockedMark, mark: "cross", markColor: SEAT_COLORS.blockedMark };

/** The buyer's map. */
export function pickerLook(state: "free" | "chosen" | "taken", zoneColor: string | undefined): SeatLook {
  if (state === "chosen") return CHOSEN_LOOK;
  if (state === "taken") return TAKEN_LOOK;
  return freeLook(zoneColor);
}

/** The editor's preview. */
export function previewLook(blocked: boolean, zoneColor: string | undefined): SeatLook {
  return blocked ? BLOCKED_LOOK : freeLook(zoneColor);
}

const DESK_LOOKS: Record<Exclude<DeskStatus, "free">, SeatLook> = {
  held: { fill: SEAT_COLORS.held, stroke: SEAT_COLORS.held, mark: "none", markColor: "#0f172a" },
  sold: { fill: SEAT_COLORS.sold, stroke: SEAT_COLORS.sold, mark: "none", markColor: "#ffffff" },
  blocked: BLOCKED_LOOK,
  closed: TAKEN_LOOK,
};

/** The organizer's desk: free seats are outlined in their zone's colour, the rest filled by status. */
export function deskLook(status: DeskStatus, selected: boolean, zoneColor: string | undefined): SeatLook {
  if (selected) return CHOSEN_LOOK;
  if (status === "free") {
    const color = zoneColor ?? FALLBACK_ZONE;
    return { fill: "#ffffff", stroke: color, mark: "none", markColor: color };
  }
  return DESK_LOOKS[status];
}
