// The aircraft builder's live preview: the seats the backend will generate from a seat-map body (flights.md §6),
// computed in the browser as the carrier types. Pure functions only; the server stays the judge of validity.
import type { components } from "@/lib/api/schema";

export type CabinClass = components["schemas"]["CabinCreate"]["cabin"];
export const CABIN_CLASSES: readonly CabinClass[] = ["first", "business", "premium_economy", "economy"];

export type SeatPosition = "window" | "middle" | "aisle";

export type CabinInput = { cabin: CabinClass; first_row: number; last_row: number; layout: string };

export type SeatMapInput = {
  cabins: CabinInput[];
  skip_rows: number[];
  exit_rows: number[];
  extra_legroom_rows: number[];
  blocked_seats: string[];
};

export type PreviewSeat = {
  code: string;
  letter: string;
  position: SeatPosition;
  blocked: boolean;
  exitRow: boolean;
  extraLegroom: boolean;
};

/** A row of seats left to right; `null` is an aisle. */
export type PreviewRow = { row: number; exitRow: boolean; extraLegroom: boolean; cells: (PreviewSeat | null)[] };

export type PreviewCabin = { cabin: CabinClass; layout: string; rows: PreviewRow[]; seatCount: number; blocked: number };

/** Why the server would refuse the map (keys of carrier.aircraft.problem, with the value they name). */
export type ProblemCode =
  | "layout"
  | "tooManySeats"
  | "tooManyAisles"
  | "rowRange"
  | "overlap"
  | "duplicateCabin"
  | "rowOutside"
  | "markedSkipped"
  | "unknownSeat"
  | "totalTooLarge"
  | "noSeats";
export type SeatMapProblem = { code: ProblemCode; value: string };

export type SeatMapPreview = { cabins: PreviewCabin[]; total: number; problems: SeatMapProblem[] };

export const MAX_SEATS_PER_ROW = 10;
export const MAX_AISLES = 3;
export const MAX_SEATS = 853;
export const MAX_ROW = 99;

const LAYOUT = /^[A-K]+(-[A-K]+)*$/;

/** Whether `layout` is letters A–K, each once, with single `-` between groups, within the per-row limits. */
export function layoutProblem(layout: string): ProblemCode | null {
  if (!LAYOUT.test(layout)) return "layout";
  const letters = layout.replace(/-/g, "");
  if (new Set(letters).size !== letters.length) return "layout";
  if (letters.length > MAX_SEATS_PER_ROW) return "tooManySeats";
  if (layout.length - letters.length > MAX_AISLES) return "tooManyAisles";
  return null;
}

/** Each letter of a layout with its position: window at the ends, aisle next to a `-`, middle otherwise. */
export function seatPositions(layout: string): { letter: string; position: SeatPosition }[] {
  const chars = [...layout];
  const letters = chars.filter((c) => c !== "-");
  const first = letters[0];
  const last = letters[letters.length - 1];
  return chars.flatMap((letter, index) => {
    if (letter === "-") return [];
    let position: SeatPosition = "middle";
    if (letter === first || letter === last) position = "window";
    else if (chars[index - 1] === "-" || chars[index + 1] === "-") position = "aisle";
    return [{ letter, position }];
  });
}

/** "13, 14 ,x" -> {values: [13, 14], invalid: ["x"]}: whole numbers from a comma-separated input. */
export function parseRowList(text: string): { values: number[]; invalid: string[] } {
  const values: number[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[,\s]+/).filter(Boolean)) {
    if (/^\d{1,2}$/.test(token)) values.push(Number(token));
    else invalid.push(token);
  }
  return { values: [...new Set(values)].sort((a, b) => a - b), invalid };
}

/** "30f, 1A" -> {values: ["30F", "1A"], invalid: []}: seat codes (row then letter) from a comma-separated input. */
export function parseSeatList(text: string): { values: string[]; invalid: string[] } {
  const values: string[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[,\s]+/).filter(Boolean)) {
    const code = token.toUpperCase();
    if (/^\d{1,2}[A-K]$/.test(code)) values.push(code.replace(/^0+/, ""));
    else invalid.push(token);
  }
  return { values: [...new Set(values)], invalid };
}

/** The seats of a seat map, cabin by cabin, with sellable counts and what the server would refuse. */
export function previewSeatMap(input: SeatMapInput): SeatMapPreview {
  const problems: SeatMapProblem[] = [];
  const skip = new Set(input.skip_rows);
  const exits = new Set(input.exit_rows);
  const legroom = new Set(input.extra_legroom_rows);
  const blocked = new Set(input.blocked_seats.map((code) => code.toUpperCase()));
  const seen = new Set<string>();
  const cabins: PreviewCabin[] = [];
  const taken: { cabin: CabinClass; first: number; last: number }[] = [];
  const kinds = new Set<CabinClass>();

  for (const cabin of input.cabins) {
    const label = `${cabin.cabin} ${cabin.first_row}–${cabin.last_row}`;
    if (kinds.has(cabin.cabin)) problems.push({ code: "duplicateCabin", value: cabin.cabin });
    kinds.add(cabin.cabin);
    const { first_row: first, last_row: last } = cabin;
    const rangeOk = Number.isInteger(first) && Number.isInteger(last) && first >= 1 && last >= first && last <= MAX_ROW;
    if (!rangeOk) problems.push({ code: "rowRange", value: label });
    const layoutIssue = layoutProblem(cabin.layout);
    if (layoutIssue) problems.push({ code: layoutIssue, value: cabin.layout || "—" });
    const overlapping = taken.find((other) => rangeOk && first <= other.last && other.first <= last);
    if (overlapping) problems.push({ code: "overlap", value: `${overlapping.cabin} / ${cabin.cabin}` });
    if (rangeOk) taken.push({ cabin: cabin.cabin, first, last });
    if (!rangeOk || layoutIssue) continue;

    const positions = seatPositions(cabin.layout);
    const rows: PreviewRow[] = [];
    let seatCount = 0;
    let blockedCount = 0;
    for (let row = first; row <= last; row++) {
      if (skip.has(row)) continue;
      const exitRow = exits.has(row);
      const extraLegroom = legroom.has(row);
      const cells: (PreviewSeat | null)[] = [];
      let letters = 0;
      for (const char of cabin.layout) {
        if (char === "-") {
          cells.push(null);
          continue;
        }
        const { letter, position } = positions[letters++]!;
        const code = `${row}${letter}`;
        const isBlocked = blocked.has(code);
        seen.add(code);
        if (isBlocked) blockedCount++;
        else seatCount++;
        cells.push({ code, letter, position, blocked: isBlocked, exitRow, extraLegroom });
      }
      rows.push({ row, exitRow, extraLegroom, cells });
    }
    cabins.push({ cabin: cabin.cabin, layout: cabin.layout, rows, seatCount, blocked: blockedCount });
  }

  const inCabin = (row: number) => taken.some((range) => row >= range.first && row <= range.last);
  const marked = new Set([...input.skip_rows, ...input.exit_rows, ...input.extra_legroom_rows]);
  for (const row of [...marked].sort((a, b) => a - b)) {
    if (!inCabin(row)) problems.push({ code: "rowOutside", value: String(row) });
    else if (skip.has(row) && (exits.has(row) || legroom.has(row))) problems.push({ code: "markedSkipped", value: String(row) });
  }
  for (const cabin of cabins) if (cabin.seatCount === 0) problems.push({ code: "noSeats", value: cabin.cabin });
  for (const code of blocked) if (!seen.has(code)) problems.push({ code: "unknownSeat", value: code });
  const total = cabins.reduce((sum, cabin) => sum + cabin.seatCount, 0);
  if (total + cabins.reduce((sum, cabin) => sum + cabin.blocked, 0) > MAX_SEATS) {
    problems.push({ code: "totalTooLarge", value: String(MAX_SEATS) });
  }
  return { cabins, total, problems };
}
