import { describe, expect, it } from "vitest";

import { layoutProblem, parseRowList, parseSeatList, previewSeatMap, seatPositions, type SeatMapInput } from "./seat-map";

const a320: SeatMapInput = {
  cabins: [
    { cabin: "business", first_row: 1, last_row: 3, layout: "AC-DF" },
    { cabin: "economy", first_row: 4, last_row: 30, layout: "ABC-DEF" },
  ],
  skip_rows: [13],
  exit_rows: [12, 14],
  extra_legroom_rows: [4, 12, 14],
  blocked_seats: ["30F"],
};

describe("seatPositions", () => {
  it("puts windows at the ends, aisles next to a dash and middles between", () => {
    const positions = Object.fromEntries(seatPositions("ABC-DEFG-HJK").map((s) => [s.letter, s.position]));
    expect(positions).toEqual({
      A: "window",
      B: "middle",
      C: "aisle",
      D: "aisle",
      E: "middle",
      F: "middle",
      G: "aisle",
      H: "aisle",
      J: "middle",
      K: "window",
    });
  });

  it("reads a narrow layout", () => {
    expect(seatPositions("AC-DF").map((s) => s.position)).toEqual(["window", "aisle", "aisle", "window"]);
  });
});

describe("layoutProblem", () => {
  it("accepts usual layouts", () => {
    for (const layout of ["ABC-DEF", "AC-DF", "ABC-DEFG-HJK", "A-B-C-D"]) expect(layoutProblem(layout)).toBeNull();
  });

  it("refuses repeated or unknown letters, stray dashes and oversize rows", () => {
    expect(layoutProblem("ABA-DEF")).toBe("layout");
    expect(layoutProblem("abc-def")).toBe("layout");
    expect(layoutProblem("ABC--DEF")).toBe("layout");
    expect(layoutProblem("-ABC")).toBe("layout");
    expect(layoutProblem("ABL")).toBe("layout");
    expect(layoutProblem("")).toBe("layout");
    expect(layoutProblem("A-B-C-D-E")).toBe("tooManyAisles");
    expect(layoutProblem("ABCDEFGHIJK")).toBe("tooManySeats");
  });
});

describe("previewSeatMap", () => {
  it("counts the A320 of flights.md §6: 12 business and 155 economy seats", () => {
    const preview = previewSeatMap(a320);
    expect(preview.problems).toEqual([]);
    expect(preview.cabins.map((c) => [c.cabin, c.seatCount, c.blocked])).toEqual([
      ["business", 12, 0],
      ["economy", 155, 1],
    ]);
    expect(preview.total).toBe(167);
  });

  it("leaves skipped rows out and marks exit, legroom and blocked seats", () => {
    const economy = previewSeatMap(a320).cabins[1]!;
    expect(economy.rows.map((r) => r.row)).not.toContain(13);
    expect(economy.rows).toHaveLength(26);
    const row12 = economy.rows.find((r) => r.row === 12)!;
    expect(row12.exitRow).toBe(true);
    expect(row12.extraLegroom).toBe(true);
    expect(row12.cells.map((c) => (c ? c.code : null))).toEqual(["12A", "12B", "12C", null, "12D", "12E", "12F"]);
    const row30 = economy.rows.find((r) => r.row === 30)!;
    expect(row30.cells.find((c) => c?.code === "30F")?.blocked).toBe(true);
    expect(row30.exitRow).toBe(false);
  });

  it("names what the server would refuse", () => {
    const preview = previewSeatMap({
      cabins: [
        { cabin: "business", first_row: 1, last_row: 5, layout: "AC-DF" },
        { cabin: "economy", first_row: 5, last_row: 10, layout: "ABC-DEF" },
        { cabin: "first", first_row: 12, last_row: 11, layout: "AB" },
      ],
      skip_rows: [40],
      exit_rows: [],
      extra_legroom_rows: [],
      blocked_seats: ["9K"],
    });
    const codes = preview.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["overlap", "rowRange", "rowOutside", "unknownSeat"]));
  });

  it("refuses a cabin whose every seat is blocked and a marked row that is skipped", () => {
    const preview = previewSeatMap({
      cabins: [{ cabin: "first", first_row: 1, last_row: 1, layout: "A-B" }],
      skip_rows: [1],
      exit_rows: [1],
      extra_legroom_rows: [],
      blocked_seats: [],
    });
    expect(preview.problems.map((p) => p.code)).toEqual(expect.arrayContaining(["markedSkipped", "noSeats"]));
  });

  it("refuses a map beyond 853 seats", () => {
    const preview = previewSeatMap({
      cabins: [{ cabin: "economy", first_row: 1, last_row: 99, layout: "ABC-DEFG-HJK" }],
      skip_rows: [],
      exit_rows: [],
      extra_legroom_rows: [],
      blocked_seats: [],
    });
    expect(preview.total).toBe(990);
    expect(preview.problems).toContainEqual({ code: "totalTooLarge", value: "853" });
  });
});

describe("comma-separated inputs", () => {
  it("reads row numbers and reports the rest", () => {
    expect(parseRowList("14, 12 ,12, x")).toEqual({ values: [12, 14], invalid: ["x"] });
    expect(parseRowList("")).toEqual({ values: [], invalid: [] });
  });

  it("reads seat codes in any case", () => {
    expect(parseSeatList("30f, 1A, 1a, 7Z")).toEqual({ values: ["30F", "1A"], invalid: ["7Z"] });
  });
});
