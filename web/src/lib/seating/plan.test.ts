import { describe, expect, it } from "vitest";

import { planSeats, rowLabels, seatCodeParts, sectionTitles, type SeatSection } from "./plan";

const seat = (code: string, number: number, x: number, y: number, zone = "stalls", accessible = false) => ({
  code,
  number,
  x,
  y,
  zone,
  accessible,
});

const sections: SeatSection[] = [
  {
    code: "STALLS",
    name: "Stalls",
    rows: [
      { label: "A", seats: [seat("STALLS-A-1", 1, 0, 0, "stalls", true), seat("STALLS-A-2", 2, 2, 0)] },
      { label: "B", seats: [seat("STALLS-B-1", 1, 1, 1)] },
    ],
  },
  { code: "BOX", name: "Box", rows: [{ label: "A", seats: [seat("BOX-A-1", 1, 0, 2, "boxes")] }] },
  { code: "BALC", name: "Balcony", rows: [{ label: "A", seats: [seat("BALC-A-1", 1, 3, 5, "balcony")] }] },
];

describe("planSeats", () => {
  it("flattens the plan, each seat knowing its section and row", () => {
    const seats = planSeats(sections);
    expect(seats.map((s) => s.code)).toEqual(["STALLS-A-1", "STALLS-A-2", "STALLS-B-1", "BOX-A-1", "BALC-A-1"]);
    expect(seats[0]).toMatchObject({ sectionName: "Stalls", sectionCode: "STALLS", row: "A", accessible: true });
  });
});

describe("labels", () => {
  it("puts each row's label one place left of its first seat", () => {
    expect(rowLabels(sections).map((l) => [l.key, l.x, l.y])).toEqual([
      ["STALLS-A", -1, 0],
      ["STALLS-B", 0, 1],
      ["BOX-A", -1, 2],
      ["BALC-A", 2, 5],
    ]);
  });

  it("names a section above its front row only where that line is free", () => {
    expect(sectionTitles(sections).map((l) => [l.text, l.x, l.y])).toEqual([
      ["Stalls", 1, -1],
      ["Balcony", 3, 4],
    ]);
  });
});

describe("seatCodeParts", () => {
  it("splits a seat code into section, row and number", () => {
    expect(seatCodeParts("BALC-A-7")).toEqual({ section: "BALC", row: "A", number: "7" });
    expect(seatCodeParts("12A")).toBeNull();
  });
});
