// Moving the keyboard focus over a seat map: an arrow key goes to the nearest seat in that direction,
// Home and End to the ends of the row. Seats are points on the map's grid (x right, y towards the back).

export type Direction = "left" | "right" | "up" | "down";

export type GridPoint = { code: string; x: number; y: number };

const KEYS: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

/** The direction an arrow key moves in, or null for any other key. */
export function keyDirection(key: string): Direction | null {
  return KEYS[key] ?? null;
}

/**
 * The seat to move to from `from`. Left and right stay in the same line of the grid (across an aisle, and
 * on to the next section drawn level with it) and take the closest seat. Up and down go to the nearest line
 * that has seats in that direction, then to its seat closest across (the left one when two are as close).
 * Null when there is none: the focus stays.
 */
export function neighbour<T extends GridPoint>(seats: readonly T[], from: GridPoint, direction: Direction): T | null {
  let best: T | null = null;
  let bestScore: [number, number, number] | null = null;
  for (const seat of seats) {
    if (seat.code === from.code) continue;
    let score: [number, number, number];
    if (direction === "left" || direction === "right") {
      const ahead = direction === "right" ? seat.x - from.x : from.x - seat.x;
      if (seat.y !== from.y || ahead <= 0) continue;
      score = [ahead, 0, 0];
    } else {
      const ahead = direction === "down" ? seat.y - from.y : from.y - seat.y;
      if (ahead <= 0) continue;
      score = [ahead, Math.abs(seat.x - from.x), seat.x];
    }
    if (bestScore === null || isLess(score, bestScore)) {
      best = seat;
      bestScore = score;
    }
  }
  return best;
}

/** The first (Home) or last (End) seat of the line `from` is in. */
export function lineEnd<T extends GridPoint>(seats: readonly T[], from: GridPoint, end: "start" | "end"): T | null {
  let best: T | null = null;
  for (const seat of seats) {
    if (seat.y !== from.y) continue;
    if (best === null || (end === "start" ? seat.x < best.x : seat.x > best.x)) best = seat;
  }
  return best;
}

function isLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]!;
  }
  return false;
}
