// The traveller's seat map (GET /flights/departures/{id}/seat-map): rows laid out from the cabin's `layout`
// ("ABC-DEF": a `-` is an aisle) and the rules for picking a seat (flights.md §9.1, §12.1).
import type { components } from "@/lib/api/schema";

export type SeatMap = components["schemas"]["SeatMap"];
export type SeatMapCabin = components["schemas"]["SeatMapCabin"];
export type SeatMapSeat = components["schemas"]["SeatMapSeat"];

export type PassengerType = "adult" | "child";

/** A cell of a drawn row: a seat, an aisle, or a gap where the layout has a letter this row lacks. */
export type SeatCell = { kind: "seat"; seat: SeatMapSeat } | { kind: "aisle" } | { kind: "gap"; letter: string };

export type SeatRowView = { row: number; exitRow: boolean; cells: SeatCell[] };

/** The letters of a layout with `null` where an aisle runs: "AB-C" -> ["A", "B", null, "C"]. */
export function layoutColumns(layout: string): (string | null)[] {
  return [...layout].map((char) => (char === "-" ? null : char));
}

/** A cabin's rows as drawn left to right, aisles where the layout puts them. */
export function seatRows(cabin: SeatMapCabin): SeatRowView[] {
  const columns = layoutColumns(cabin.layout);
  return cabin.rows.map((row) => {
    const byLetter = new Map(row.seats.map((seat) => [seat.letter, seat]));
    const cells: SeatCell[] = columns.map((letter) => {
      if (letter === null) return { kind: "aisle" };
      const seat = byLetter.get(letter);
      return seat ? { kind: "seat", seat } : { kind: "gap", letter };
    });
    return { row: row.row, exitRow: row.exit_row, cells };
  });
}

/** Why a seat cannot be taken by this passenger (keys of flights.seats.reason), or null when it can. */
export type SeatRefusal = "unavailable" | "otherCabin" | "exitRowChild" | "takenInParty";

export function seatRefusal(
  seat: SeatMapSeat,
  context: { seatCabin: string; orderCabin: string; passengerType: PassengerType; takenByOthers: ReadonlySet<string> },
): SeatRefusal | null {
  if (context.seatCabin !== context.orderCabin) return "otherCabin";
  if (!seat.available) return "unavailable";
  if (context.takenByOthers.has(seat.code)) return "takenInParty";
  if (context.passengerType === "child" && seat.restrictions.includes("exit_row")) return "exitRowChild";
  return null;
}

/**
 * Seat choices per passenger for one leg: picking a seat gives it to `passenger` (dropping their old one);
 * `null` means "no preference" (the server assigns). A seat held by another passenger of the party is not stolen.
 */
export function assignSeat(choices: readonly (string | null)[], passenger: number, seat: string | null): (string | null)[] {
  if (seat !== null && choices.some((code, index) => code === seat && index !== passenger)) return [...choices];
  return choices.map((code, index) => (index === passenger ? seat : code));
}

/** Seats chosen for children that sit in exit rows: those the server would refuse (seat_restricted). */
export function restrictedChoices(
  cabin: SeatMapCabin | undefined,
  choices: readonly (string | null)[],
  types: readonly PassengerType[],
): number[] {
  if (!cabin) return [];
  const exitSeats = new Set(cabin.rows.flatMap((row) => row.seats.filter((s) => s.restrictions.includes("exit_row")).map((s) => s.code)));
  return choices.flatMap((code, index) => (code !== null && types[index] === "child" && exitSeats.has(code) ? [index] : []));
}
