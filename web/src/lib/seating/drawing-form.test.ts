import { describe, expect, it } from "vitest";

import { addRow, addSection, newDrawing, nextLabel, removeRow, removeSection, updateRow, updateSection } from "./drawing-edits";
import { draftFromDrawing, drawingBody, readNumberList, type DrawingDraft, type SeatMapDraw } from "./drawing-form";

const hall: SeatMapDraw = {
  name: "Main hall",
  sections: [
    {
      code: "STALLS",
      name: "Stalls",
      zone: "stalls",
      x: 0,
      y: 0,
      rows: [
        { label: "A", seats: 20, first: 1, offset: 0, aisles_after: [10], accessible: [1, 2], blocked: [20], zone: null },
        { label: "B", seats: 18, first: 1, offset: 1, aisles_after: [9], accessible: [], blocked: [], zone: "premium" },
      ],
    },
  ],
};

describe("drawingBody", () => {
  it("turns the fields back into the drawing they were made from", () => {
    const draft = draftFromDrawing(hall);
    expect(draft.sections[0]?.rows[0]?.aislesAfter).toBe("10");
    expect(draft.sections[0]?.rows[0]?.accessible).toBe("1, 2");
    expect(drawingBody(draft)).toEqual({ body: hall, problems: [] });
  });

  it("trims text, reads lists with spaces or commas, and leaves an empty row zone to the section", () => {
    const draft = draftFromDrawing(hall);
    const edited = updateRow(updateSection(draft, 1, { name: "  Stalls  ", code: "STALLS " }), 1, 3, {
      accessible: " 1 2,, 3 ",
      zone: "",
    });
    const body = drawingBody({ ...edited, name: " Main hall " }).body;
    expect(body?.name).toBe("Main hall");
    expect(body?.sections[0]?.name).toBe("Stalls");
    expect(body?.sections[0]?.rows[1]).toMatchObject({ accessible: [1, 2, 3], zone: null });
  });

  it("takes blank positions and first numbers as their defaults", () => {
    const draft = updateRow(updateSection(draftFromDrawing(hall), 1, { x: "", y: "" }), 1, 2, { first: "", offset: "" });
    const body = drawingBody(draft).body;
    expect(body?.sections[0]).toMatchObject({ x: 0, y: 0 });
    expect(body?.sections[0]?.rows[0]).toMatchObject({ first: 1, offset: 0 });
  });

  it("lists every field it cannot read, and sends nothing", () => {
    let draft: DrawingDraft = { ...draftFromDrawing(hall), name: " " };
    draft = updateSection(draft, 1, { code: "stalls!", zone: "Stalls" });
    draft = updateRow(draft, 1, 2, { seats: "twenty", blocked: "20, x" });
    draft = updateRow(draft, 1, 3, { label: "", zone: "-vip" });
    const { body, problems } = drawingBody(draft);
    expect(body).toBeNull();
    expect(problems.map((p) => [p.code, p.field, p.row?.label ?? null])).toEqual([
      ["required", "name", null],
      ["sectionCode", "code", null],
      ["zone", "zone", null],
      ["wholeNumber", "seats", "A"],
      ["numberList", "blocked", "A"],
      ["required", "label", ""],
      ["zone", "rowZone", ""],
    ]);
    expect(problems[3]?.section).toEqual({ key: 1, code: "stalls!" });
  });

  it("refuses numbers out of the API's ranges", () => {
    expect(drawingBody(updateRow(draftFromDrawing(hall), 1, 2, { seats: "0" })).problems[0]).toMatchObject({ field: "seats" });
    expect(drawingBody(updateRow(draftFromDrawing(hall), 1, 2, { seats: "501" })).problems[0]).toMatchObject({ field: "seats" });
    expect(readNumberList("1, 10000")).toBeNull();
    expect(readNumberList("")).toEqual([]);
    expect(readNumberList("3 3 1")).toEqual([3, 1]);
  });
});

describe("editing the drawing", () => {
  it("starts a new map with one section that draws at once", () => {
    const { body } = drawingBody({ ...newDrawing(), name: "Hall" });
    expect(body?.sections).toHaveLength(1);
    expect(body?.sections[0]?.rows.map((r) => r.label)).toEqual(["A", "B", "C", "D", "E"]);
  });

  it("adds a row with the next label and the last row's seats, and a section behind the last", () => {
    let draft = addRow(newDrawing(), 1);
    const section = draft.sections[0]!;
    expect(section.rows.map((r) => r.label)).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(section.rows[5]?.seats).toBe("12");
    draft = addSection(draft);
    expect(draft.sections[1]).toMatchObject({ code: "S2", y: "8", zone: "stalls" });
    const keys = draft.sections.flatMap((s) => [s.key, ...s.rows.map((r) => r.key)]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("removes rows and sections by key", () => {
    let draft = removeRow(newDrawing(), 1, 2);
    expect(draft.sections[0]?.rows.map((r) => r.label)).toEqual(["B", "C", "D", "E"]);
    draft = removeSection(addSection(draft), 1);
    expect(draft.sections.map((s) => s.code)).toEqual(["S2"]);
  });

  it("labels rows A, B … Z, AA and 1, 2 … 10", () => {
    expect(nextLabel("A")).toBe("B");
    expect(nextLabel("Z")).toBe("AA");
    expect(nextLabel("AZ")).toBe("BA");
    expect(nextLabel("c")).toBe("d");
    expect(nextLabel("9")).toBe("10");
  });
});
