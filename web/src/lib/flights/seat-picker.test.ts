import { describe, expect, it } from "vitest";

import { assignSeat, layoutColumns, restrictedChoices, seatRefusal, seatRows, type SeatMapCabin, type SeatMapSeat } from "./seat-picker";

function seat(code: string, extra: Partial<SeatMapSeat> = {}): SeatMapSeat {
  return { code, letter: code.slice(-1), position: "middle", available: true, extra_legroom: false, restrictions: [], ...extra };
}

const cabin: SeatMapCabin = {
  cabin: "economy",
  layout: "ABC-DEF",
  seats_left: 10,
  rows: [
    { row: 12, exit_row: true, seats: ["A", "B", "C", "D", "E", "F"].map((l) => seat(`12${l}`, { restrictions: ["exit_row"], extra_legroom: true })) },
    { row: 14, exit_row: false, seats: [seat("14A"), seat("14B", { available: false }), seat("14C"), seat("14D"), seat("14F")] },
  ],
};

describe("seatRows", () => {
  it("puts aisles where the layout has a dash and keeps letters in order", () => {
    expect(layoutColumns("AC-DF")).toEqual(["A", "C", null, "D", "F"]);
    const rows = seatRows(cabin);
    expect(rows.map((r) => r.row)).toEqual([12, 14]);
    expect(rows[0]!.cells.map((c) => (c.kind === "seat" ? c.seat.code : c.kind))).toEqual(["12A", "12B", "12C", "aisle", "12D", "12E", "12F"]);
    expect(rows[0]!.exitRow).toBe(true);
  });

  it("leaves a gap for a letter the row does not have", () => {
    expect(seatRows(cabin)[1]!.cells[5]).toEqual({ kind: "gap", letter: "E" });
  });
});

describe("seatRefusal", () => {
  const base = { seatCabin: "economy", orderCabin: "economy", passengerType: "adult" as const, takenByOthers: new Set<string>() };

  it("lets an adult take a free seat, exit rows included", () => {
    expect(seatRefusal(seat("14A"), base)).toBeNull();
    expect(seatRefusal(seat("12A", { restrictions: ["exit_row"] }), base)).toBeNull();
  });

  it("refuses other cabins, taken seats, a party member's seat and exit rows for children", () => {
    expect(seatRefusal(seat("1A"), { ...base, seatCabin: "business" })).toBe("otherCabin");
    expect(seatRefusal(seat("14B", { available: false }), base)).toBe("unavailable");
    expect(seatRefusal(seat("14A"), { ...base, takenByOthers: new Set(["14A"]) })).toBe("takenInParty");
    expect(seatRefusal(seat("12A", { restrictions: ["exit_row"] }), { ...base, passengerType: "child" })).toBe("exitRowChild");
  });
});

describe("assignSeat", () => {
  it("gives one seat per passenger and clears with null", () => {
    let choices: (string | null)[] = [null, null];
    choices = assignSeat(choices, 0, "20A");
    choices = assignSeat(choices, 0, "20C");
    choices = assignSeat(choices, 1, "20A");
    expect(choices).toEqual(["20C", "20A"]);
    expect(assignSeat(choices, 1, "20C")).toEqual(["20C", "20A"]); // not stolen from passenger 1
    expect(assignSeat(choices, 1, null)).toEqual(["20C", null]);
  });

  it("finds children in exit rows", () => {
    expect(restrictedChoices(cabin, ["12A", "12B", "14A"], ["adult", "child", "child"])).toEqual([1]);
    expect(restrictedChoices(undefined, ["12A"], ["child"])).toEqual([]);
  });
});
