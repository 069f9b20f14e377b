// The wording of ticket transfers: their statuses, and the API's errors with our own text for the codes it
// names (the shared one otherwise).
import { parseApiError } from "@/components/organizer/api-errors";
import type { Lang, Messages } from "@/i18n/catalogue";
import { errorMessage, type Translate } from "@/i18n/translate";
import { isTransferStatus } from "@/lib/transfers/transfers";
import { formatDateTime } from "@/lib/time-zone";

type TransferErrorKey = `transfers.error.${keyof Messages["transfers"]["error"] & string}`;

/** "Waiting for them", "Taken", …; a status the catalogue does not know reads as itself. */
export function transferStatusLabel(t: Translate, status: string): string {
  return isTransferStatus(status) ? t(`transfers.status.${status}`) : status;
}

/** A readable message for an error of offering, withdrawing or taking a ticket. */
export function transferErrorText(t: Translate, error: unknown, timeZone: string | null, lang: Lang): string {
  const { code, extra } = parseApiError(error);
  if (code === "transfers_closed" && typeof extra.closed_at === "string" && !Number.isNaN(Date.parse(extra.closed_at))) {
    return t("transfers.closedError", { time: formatDateTime(extra.closed_at, timeZone, lang) });
  }
  const key = `transfers.error.${code ?? ""}`;
  if (code && t.has(key as TransferErrorKey)) return t(key as TransferErrorKey);
  return errorMessage(t, code);
}
