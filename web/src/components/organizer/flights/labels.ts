// Words for values the flights API sends as plain strings (cabins, statuses); an unknown value shows as sent.
import type { Messages } from "@/i18n/catalogue";
import type { Translate } from "@/i18n/translate";

import type { ReasonDialogLabels } from "../ReasonDialog";

type CabinKey = keyof Messages["carrier"]["cabin"];
type StatusKey = keyof Messages["carrier"]["routeStatus"];

export function cabinLabel(t: Translate, cabin: string): string {
  const key = `carrier.cabin.${cabin}` as `carrier.cabin.${CabinKey}`;
  return t.has(key) ? t(key) : cabin;
}

export function statusLabel(t: Translate, status: string): string {
  const key = `carrier.routeStatus.${status}` as `carrier.routeStatus.${StatusKey}`;
  return t.has(key) ? t(key) : status;
}

export const STATUS_STYLES: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  scheduled: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
};

/** The buttons and field of a carrier's cancel dialog (routes, departures). */
export function cancelDialogLabels(t: Translate): ReasonDialogLabels {
  return {
    keep: t("carrier.route.keep"),
    confirm: t("carrier.route.confirmCancel"),
    busy: t("carrier.route.cancelling"),
    reason: t("carrier.route.reason"),
    hint: t("carrier.route.reasonHint"),
  };
}
