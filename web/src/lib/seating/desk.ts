// The organizer's seat desk (seating.md, "The organizer's seat desk"): each seat's state from the session's
// live map and its holders, and which of Block, Release and Move the current selection allows.
import type { components } from "@/lib/api/schema";

export type SeatHolder = components["schemas"]["SeatHolder"];

/** `closed`: blocked on the map itself, for every session (never sold, never released here). */
export type DeskStatus = "free" | "held" | "sold" | "blocked" | "closed";

/** Each taken seat's state; seats not in the map are free. */
export function deskStatuses(unavailable: readonly string[], holders: readonly SeatHolder[]): Map<string, DeskStatus> {
  const statuses = new Map<string, DeskStatus>();
  // Unavailable seats without a holder are the map's own blocked seats.
  for (const code of unavailable) statuses.set(code, "closed");
  for (const holder of holders) {
    const status: DeskStatus = holder.status === "held" || holder.status === "sold" || holder.status === "blocked" ? holder.status : "sold";
    statuses.set(holder.seat, status);
  }
  return statuses;
}

export type DeskActions = { block: boolean; release: boolean; move: boolean };

/**
 * Block: free seats only. Release: seats blocked for this session only. Move: a ticket picked in the table
 * and one free seat of its price zone.
 */
export function deskActions(
  selected: readonly string[],
  statuses: ReadonlyMap<string, DeskStatus>,
  moving: { seat: string } | null,
  zoneOf: (code: string) => string | undefined,
): DeskActions {
  const status = (code: string) => statuses.get(code) ?? "free";
  const some = selected.length > 0;
  const target = selected.length === 1 ? selected[0]! : null;
  return {
    block: some && selected.every((code) => status(code) === "free"),
    release: some && selected.every((code) => status(code) === "blocked"),
    move:
      moving !== null &&
      target !== null &&
      status(target) === "free" &&
      zoneOf(target) !== undefined &&
      zoneOf(target) === zoneOf(moving.seat),
  };
}

/** Adds a seat to the selection, or takes it out. */
export function toggleCode(selected: readonly string[], code: string): string[] {
  return selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
}
