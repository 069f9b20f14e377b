// The seat-map editor's changes to its fields: adding and removing sections and rows, editing a field.
// Each returns a new draft; keys only ever grow, so React keeps each row's inputs apart.
import type { DrawingDraft, RowDraft, SectionDraft } from "./drawing-form";

type RowFields = Omit<RowDraft, "key">;
type SectionFields = Omit<SectionDraft, "key" | "rows">;

/** The label after `label`: A -> B, Z -> AA, AZ -> BA, 9 -> 10; anything else gets "1" appended. */
export function nextLabel(label: string): string {
  const text = label.trim();
  if (/^\d+$/.test(text)) return String(Number(text) + 1);
  if (!/^[A-Z]+$/i.test(text)) return `${text}1`;
  const upper = text === text.toUpperCase();
  const chars = [...text.toUpperCase()];
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === "Z") chars[i--] = "A";
  if (i < 0) chars.unshift("A");
  else chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
  const next = chars.join("");
  return upper ? next : next.toLowerCase();
}

function blankRow(label: string, seats: string): RowFields {
  return { label, seats, first: "1", offset: "0", aislesAfter: "", accessible: "", blocked: "", zone: "" };
}

/** A new map: one section of five rows of twelve seats, so the preview has something to show at once. */
export function newDrawing(): DrawingDraft {
  const rows = ["A", "B", "C", "D", "E"].map((label, i) => ({ key: i + 2, ...blankRow(label, "12") }));
  return { name: "", sections: [{ key: 1, code: "STALLS", name: "Stalls", zone: "stalls", x: "0", y: "0", rows }], nextKey: 7 };
}

/** A section behind the last one (two places back), with one row. */
export function addSection(draft: DrawingDraft): DrawingDraft {
  const last = draft.sections[draft.sections.length - 1];
  const back = last ? Number(last.y || 0) + last.rows.length + 2 : 0;
  const number = draft.sections.length + 1;
  const section: SectionDraft = {
    key: draft.nextKey,
    code: `S${number}`,
    name: "",
    zone: last?.zone ?? "",
    x: last?.x ?? "0",
    y: Number.isFinite(back) ? String(back) : "0",
    rows: [{ key: draft.nextKey + 1, ...blankRow("A", last?.rows[0]?.seats ?? "10") }],
  };
  return { ...draft, sections: [...draft.sections, section], nextKey: draft.nextKey + 2 };
}

export function removeSection(draft: DrawingDraft, sectionKey: number): DrawingDraft {
  return { ...draft, sections: draft.sections.filter((s) => s.key !== sectionKey) };
}

export function updateSection(draft: DrawingDraft, sectionKey: number, change: Partial<SectionFields>): DrawingDraft {
  return { ...draft, sections: draft.sections.map((s) => (s.key === sectionKey ? { ...s, ...change } : s)) };
}

/** A row behind the section's last one: the next label, as many seats, the same first number and offset. */
export function addRow(draft: DrawingDraft, sectionKey: number): DrawingDraft {
  return {
    ...draft,
    nextKey: draft.nextKey + 1,
    sections: draft.sections.map((s) => {
      if (s.key !== sectionKey) return s;
      const last = s.rows[s.rows.length - 1];
      const row: RowDraft = last
        ? { ...blankRow(nextLabel(last.label), last.seats), first: last.first, offset: last.offset, aislesAfter: last.aislesAfter, key: draft.nextKey }
        : { ...blankRow("A", "10"), key: draft.nextKey };
      return { ...s, rows: [...s.rows, row] };
    }),
  };
}

export function removeRow(draft: DrawingDraft, sectionKey: number, rowKey: number): DrawingDraft {
  return {
    ...draft,
    sections: draft.sections.map((s) => (s.key === sectionKey ? { ...s, rows: s.rows.filter((r) => r.key !== rowKey) } : s)),
  };
}

export function updateRow(draft: DrawingDraft, sectionKey: number, rowKey: number, change: Partial<RowFields>): DrawingDraft {
  return {
    ...draft,
    sections: draft.sections.map((s) =>
      s.key === sectionKey ? { ...s, rows: s.rows.map((r) => (r.key === rowKey ? { ...r, ...change } : r)) } : s,
    ),
  };
}
