// The wording of approval requests' errors for buyers: our own text for the codes requests answer with, the
// shared one otherwise.
import { parseApiError } from "@/components/organizer/api-errors";
import type { Messages } from "@/i18n/catalogue";
import { errorMessage, type Translate } from "@/i18n/translate";
import { holdParts } from "@/lib/approvals/ask";

type RequestErrorKey = `approvals.error.${keyof Messages["approvals"]["error"] & string}`;

/** A readable message for an error body of sending or withdrawing a request. */
export function requestErrorText(t: Translate, error: unknown): string {
  const { code } = parseApiError(error);
  const key = `approvals.error.${code ?? ""}`;
  if (code && t.has(key as RequestErrorKey)) return t(key as RequestErrorKey);
  return errorMessage(t, code);
}

/** A hold time as it reads: "1 d 2 h", "45 min"; the largest parts only, never empty. */
export function holdDurationText(t: Translate, minutes: number): string {
  const parts = holdParts(minutes);
  const words = [
    parts.days > 0 ? t("approvals.duration.days", { count: String(parts.days) }) : null,
    parts.hours > 0 ? t("approvals.duration.hours", { count: String(parts.hours) }) : null,
    parts.minutes > 0 || (parts.days === 0 && parts.hours === 0) ? t("approvals.duration.minutes", { count: String(parts.minutes) }) : null,
  ];
  return words.filter((word) => word !== null).join(" ");
}
