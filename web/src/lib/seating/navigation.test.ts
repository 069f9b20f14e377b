import { describe, expect, it } from "vitest";

import { keyDirection, lineEnd, neighbour, type GridPoint } from "./navigation";

/** A hall drawn like seating.md's example: row A of 20 seats with an aisle after 10, row B shifted by one, a balcony behind. */
function hall(): GridPoint[] {
  const seats: GridPoint[] = [];
  for (let n = 1; n <= 20; n++) seats.push({ code: `S-A-${n}`, x: n - 1 + (n > 10 ? 1 : 0), y: 0 });
  for (let n = 1; n <= 4; n++) seats.push({ code: `S-B-${n}`, x: n, y: 1 });
  for (let n = 1; n <= 3; n++) seats.push({ code: `BALC-A-${n}`, x: 8 + n, y: 4 });
  return seats;
}

const at = (code: string) => hall().find((s) => s.code === code)!;
const move = (code: string, direction: Parameters<typeof neighbour>[2]) => neighbour(hall(), at(code), direction)?.code ?? null;

describe("neighbour", () => {
  it("moves left and right along the row, across an aisle", () => {
    expect(move("S-A-4", "right")).toBe("S-A-5");
    expect(move("S-A-4", "left")).toBe("S-A-3");
    expect(move("S-A-10", "right")).toBe("S-A-11");
    expect(move("S-A-11", "left")).toBe("S-A-10");
  });

  it("stays at the ends of a row", () => {
    expect(move("S-A-1", "left")).toBeNull();
    expect(move("S-A-20", "right")).toBeNull();
  });

  it("goes to the nearest row up or down, to the seat closest across", () => {
    expect(move("S-A-3", "down")).toBe("S-B-2"); // x 2 -> x 2
    expect(move("S-B-1", "up")).toBe("S-A-2"); // x 1 -> x 1
    expect(move("S-A-1", "down")).toBe("S-B-1"); // x 0: the closest is x 1
    expect(move("S-A-20", "down")).toBe("S-B-4"); // the far end of a shorter row
  });

  it("skips empty lines to the next section, and takes the left seat on a tie", () => {
    expect(move("S-B-4", "down")).toBe("BALC-A-1");
    expect(move("BALC-A-2", "up")).toBe("S-B-4");
    expect(move("BALC-A-1", "down")).toBeNull();
    const tie: GridPoint[] = [
      { code: "from", x: 5, y: 0 },
      { code: "left", x: 4, y: 1 },
      { code: "right", x: 6, y: 1 },
    ];
    expect(neighbour(tie, tie[0]!, "down")?.code).toBe("left");
  });
});

describe("keyboard", () => {
  it("reads the arrow keys only", () => {
    expect(keyDirection("ArrowUp")).toBe("up");
    expect(keyDirection("ArrowLeft")).toBe("left");
    expect(keyDirection("Enter")).toBeNull();
  });

  it("finds the ends of a row for Home and End", () => {
    expect(lineEnd(hall(), at("S-A-7"), "start")?.code).toBe("S-A-1");
    expect(lineEnd(hall(), at("S-A-7"), "end")?.code).toBe("S-A-20");
  });
});
