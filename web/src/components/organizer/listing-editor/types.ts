// Types and styles the listing editor's sections share.
import type { Translate } from "@/i18n/translate";
import type { components } from "@/lib/api/schema";

import type { ReasonDialogLabels } from "../ReasonDialog";

export type EventDetail = components["schemas"]["EventDetail"];
export type SessionRead = components["schemas"]["SessionRead"];
export type TicketTypeRead = components["schemas"]["TicketTypeRead"];
export type Availability = components["schemas"]["Availability"];
export type AvailabilityMap = Record<string, Availability | null>;
export type EventSales = components["schemas"]["EventSales"];
export type SeatMapSummary = components["schemas"]["SeatMapSummary"];

/** The parts of the page an error or a notice is shown in. */
export type Section = "details" | "sessions" | "tickets" | "actions";

export const STATUS_STYLES: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
  scheduled: "bg-blue-100 text-blue-900",
};

export const smallLinkButtonClass = "rounded px-1 text-blue-800 underline disabled:cursor-not-allowed disabled:opacity-60";

/** The buttons and field of the editor's cancel dialogs (listing, session); the reason is optional. */
export function cancelDialogLabels(t: Translate): ReasonDialogLabels {
  return {
    keep: t("org.editor.keep"),
    confirm: t("org.editor.confirmCancel"),
    busy: t("org.editor.cancelling"),
    reason: t("org.editor.reason"),
    hint: t("org.editor.reasonOptional"),
  };
}
