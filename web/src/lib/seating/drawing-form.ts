// The seat-map editor's fields (text, as typed) and the drawing they describe (POST /venues/{id}/seat-maps,
// PUT /seat-maps/{id}, POST /seat-maps/preview). The form checks what it can read locally (whole numbers,
// codes, zones); the server judges the drawing itself (overlaps, seats a row does not have, the size).
import type { components } from "@/lib/api/schema";

export type SeatMapDraw = components["schemas"]["SeatMapDraw"];
export type SeatSectionDraw = components["schemas"]["SeatSectionDraw"];
export type SeatRowDraw = components["schemas"]["SeatRowDraw"];

export type RowDraft = {
  key: number;
  label: string;
  seats: string;
  first: string;
  offset: string;
  aislesAfter: string;
  accessible: string;
  blocked: string;
  /** Empty: the section's zone. */
  zone: string;
};

export type SectionDraft = { key: number; code: string; name: string; zone: string; x: string; y: string; rows: RowDraft[] };

export type DrawingDraft = { name: string; sections: SectionDraft[]; nextKey: number };

export type DraftField =
  | "name"
  | "code"
  | "sectionName"
  | "zone"
  | "x"
  | "y"
  | "label"
  | "seats"
  | "first"
  | "offset"
  | "aislesAfter"
  | "accessible"
  | "blocked"
  | "rowZone";

/** Keys of seatMaps.problem: what is wrong with a field. */
export type DraftProblemCode = "required" | "wholeNumber" | "numberList" | "sectionCode" | "rowLabel" | "zone";

export type DraftProblem = {
  code: DraftProblemCode;
  field: DraftField;
  /** Where the field is: its section's code and row's label as typed, and their keys (to mark the input). */
  section?: { key: number; code: string };
  row?: { key: number; label: string };
};

export const ZONE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const SECTION_CODE = /^[A-Z0-9]{1,8}$/;
const ROW_LABEL = /^[A-Za-z0-9]{1,4}$/;
const MAX_LIST = 500;

/** A whole number within [min, max] typed in a field, or null. */
export function readWhole(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/** "1, 2 ,10" -> [1, 2, 10]; null when a part is not a seat number (0–9999) or there are too many. */
export function readNumberList(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length > MAX_LIST) return null;
  const values: number[] = [];
  for (const part of parts) {
    const value = readWhole(part, 0, 9999);
    if (value === null) return null;
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

/** A number list for its field: "1, 2". */
export function writeNumberList(values: readonly number[] | undefined): string {
  return (values ?? []).join(", ");
}

/** The drawing the fields describe, or the problems that keep it from being one (each field's first). */
export function drawingBody(draft: DrawingDraft): { body: SeatMapDraw | null; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ code: "required", field: "name" });
  const sections = draft.sections.map((s): SeatSectionDraw => {
    const where = { key: s.key, code: s.code.trim() };
    const fail = (code: DraftProblemCode, field: DraftField) => problems.push({ code, field, section: where });
    const code = s.code.trim();
    if (!SECTION_CODE.test(code)) fail(code ? "sectionCode" : "required", "code");
    const sectionName = s.name.trim();
    if (!sectionName) fail("required", "sectionName");
    const zone = s.zone.trim();
    if (!ZONE_PATTERN.test(zone) || zone.length > 40) fail(zone ? "zone" : "required", "zone");
    const x = readWhole(s.x || "0", 0, 2000);
    if (x === null) fail("wholeNumber", "x");
    const y = readWhole(s.y || "0", 0, 2000);
    if (y === null) fail("wholeNumber", "y");
    const rows = s.rows.map((r) => rowBody(r, where, problems));
    return { code, name: sectionName, zone, x: x ?? 0, y: y ?? 0, rows };
  });
  if (problems.length > 0) return { body: null, problems };
  return { body: { name, sections }, problems };
}

function rowBody(r: RowDraft, section: { key: number; code: string }, problems: DraftProblem[]): SeatRowDraw {
  const where = { section, row: { key: r.key, label: r.label.trim() } };
  const fail = (code: DraftProblemCode, field: DraftField) => problems.push({ code, field, ...where });
  const label = r.label.trim();
  if (!ROW_LABEL.test(label)) fail(label ? "rowLabel" : "required", "label");
  const seats = readWhole(r.seats, 1, 500);
  if (seats === null) fail(r.seats.trim() ? "wholeNumber" : "required", "seats");
  const first = readWhole(r.first || "1", 0, 9000);
  if (first === null) fail("wholeNumber", "first");
  const offset = readWhole(r.offset || "0", 0, 500);
  if (offset === null) fail("wholeNumber", "offset");
  const lists = { aislesAfter: readNumberList(r.aislesAfter), accessible: readNumberList(r.accessible), blocked: readNumberList(r.blocked) };
  for (const [field, values] of Object.entries(lists) as [DraftField, number[] | null][]) {
    if (values === null) fail("numberList", field);
  }
  const zone = r.zone.trim();
  if (zone && (!ZONE_PATTERN.test(zone) || zone.length > 40)) fail("zone", "rowZone");
  return {
    label,
    seats: seats ?? 1,
    first: first ?? 1,
    offset: offset ?? 0,
    aisles_after: lists.aislesAfter ?? [],
    accessible: lists.accessible ?? [],
    blocked: lists.blocked ?? [],
    zone: zone || null,
  };
}

/** The fields for a stored drawing (editing a map). */
export function draftFromDrawing(drawing: SeatMapDraw): DrawingDraft {
  let key = 1;
  const sections = drawing.sections.map((s) => ({
    key: key++,
    code: s.code,
    name: s.name,
    zone: s.zone,
    x: String(s.x),
    y: String(s.y),
    rows: s.rows.map((r) => ({
      key: key++,
      label: r.label,
      seats: String(r.seats),
      first: String(r.first),
      offset: String(r.offset),
      aislesAfter: writeNumberList(r.aisles_after),
      accessible: writeNumberList(r.accessible),
      blocked: writeNumberList(r.blocked),
      zone: r.zone ?? "",
    })),
  }));
  return { name: drawing.name, sections, nextKey: key };
}
