// A seat map's plan as the API sends it (sections → rows → seats on a grid, seating.md) turned into what the
// map drawing needs: one flat list of seats that know their section and row, where row labels and section
// names go, and the parts of a seat code.
import type { components } from "@/lib/api/schema";

export type SeatSection = components["schemas"]["SeatSectionRead"];

/** One seat of the plan, placed on the grid (x to the right, y towards the back of the hall). */
export type PlanSeat = {
  code: string;
  number: number;
  x: number;
  y: number;
  zone: string;
  accessible: boolean;
  sectionCode: string;
  sectionName: string;
  row: string;
};

/** How wide a letter of a section's name is drawn, in places (see SeatMapSvg's font size). */
export const TITLE_CELLS_PER_CHAR = 0.34;

/** A label drawn on the grid: a row's label left of its first seat, or a section's name above its first row. */
export type GridLabel = { key: string; text: string; x: number; y: number };

/** Every seat of the plan, section by section, row by row, left to right. */
export function planSeats(sections: readonly SeatSection[]): PlanSeat[] {
  return sections.flatMap((section) =>
    section.rows.flatMap((row) =>
      row.seats.map((seat) => ({
        code: seat.code,
        number: seat.number,
        x: seat.x,
        y: seat.y,
        zone: seat.zone,
        accessible: seat.accessible,
        sectionCode: section.code,
        sectionName: section.name,
        row: row.label,
      })),
    ),
  );
}

/** Row labels, each one place left of its row's first seat. */
export function rowLabels(sections: readonly SeatSection[]): GridLabel[] {
  return sections.flatMap((section) =>
    section.rows.flatMap((row) => {
      const first = row.seats.reduce<(typeof row.seats)[number] | null>((min, seat) => (min === null || seat.x < min.x ? seat : min), null);
      return first ? [{ key: `${section.code}-${row.label}`, text: row.label, x: first.x - 1, y: first.y }] : [];
    }),
  );
}

/**
 * Section names, one place above a section's front row, where that line is clear of seats for the name's
 * width (sections drawn right behind one another get no name on the map; each seat's own name says it).
 */
export function sectionTitles(sections: readonly SeatSection[]): GridLabel[] {
  const occupied = new Set(sections.flatMap((s) => s.rows.flatMap((r) => r.seats.map((seat) => `${seat.x},${seat.y}`))));
  return sections.flatMap((section) => {
    const seats = section.rows.flatMap((row) => row.seats);
    if (seats.length === 0) return [];
    const top = Math.min(...seats.map((seat) => seat.y));
    const front = seats.filter((seat) => seat.y === top);
    const left = Math.min(...front.map((seat) => seat.x));
    const right = Math.max(...front.map((seat) => seat.x));
    const center = (left + right) / 2;
    // The name is drawn centred over the row at about a third of a place per letter: keep that much clear.
    const half = Math.max((right - left) / 2, section.name.length * TITLE_CELLS_PER_CHAR / 2) + 0.5;
    for (let x = Math.floor(center - half); x <= Math.ceil(center + half); x++) {
      if (occupied.has(`${x},${top - 1}`)) return [];
    }
    return [{ key: section.code, text: section.name, x: center, y: top - 1 }];
  });
}

/** "BALC-A-7" -> {section: "BALC", row: "A", number: "7"}; null for anything else. */
export function seatCodeParts(code: string): { section: string; row: string; number: string } | null {
  const match = /^([A-Z0-9]+)-([A-Za-z0-9]+)-(\d+)$/.exec(code);
  if (!match) return null;
  return { section: match[1]!, row: match[2]!, number: match[3]! };
}
