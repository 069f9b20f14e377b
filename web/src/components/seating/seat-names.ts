// The words for seats that every map and list shares.
import type { Translate } from "@/i18n/translate";
import { seatCodeParts, type PlanSeat } from "@/lib/seating/plan";

/** "Stalls, row A, seat 4". */
export function seatName(t: Translate, seat: Pick<PlanSeat, "sectionName" | "row" | "number">): string {
  return t("seating.map.seat", { section: seat.sectionName, row: seat.row, number: String(seat.number) });
}

/** A seat known only by its code (a ticket's seat): "Section BALC, row A, seat 7"; the code itself otherwise. */
export function seatCodeName(t: Translate, code: string): string {
  const parts = seatCodeParts(code);
  return parts ? t("seating.map.seatByCode", parts) : code;
}

/** A price zone as people read it: "premium-stalls" -> "Premium stalls". */
export function zoneName(zone: string): string {
  const words = zone.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
