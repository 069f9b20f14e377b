// The editor's own problems with its fields, in words, and which inputs to mark.
import type { Translate } from "@/i18n/translate";
import type { DraftProblem } from "@/lib/seating/drawing-form";

/** "Section STALLS, row A: Seats must be a whole number in range." */
export function draftProblemText(t: Translate, problem: DraftProblem): string {
  const field = t(`seatMaps.field.${problem.field}`);
  const section = problem.section?.code || "?";
  const where = problem.row
    ? t("seatMaps.where.row", { section, row: problem.row.label || "?" })
    : problem.section
      ? t("seatMaps.where.section", { section })
      : t("seatMaps.where.map");
  return t(`seatMaps.problem.${problem.code}`, { where, field });
}

/** `${sectionKey}:${rowKey or ""}:${field}` of every field with a problem (the map's name is ":" + ":name"). */
export function invalidFields(problems: readonly DraftProblem[]): Set<string> {
  return new Set(problems.map((p) => `${p.section?.key ?? ""}:${p.row?.key ?? ""}:${p.field}`));
}
