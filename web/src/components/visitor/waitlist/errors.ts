// The wording of the waiting list's errors for visitors: our own text for the codes it names, the shared one
// otherwise.
import { parseApiError } from "@/components/organizer/api-errors";
import type { Messages } from "@/i18n/catalogue";
import { errorMessage, type Translate } from "@/i18n/translate";

type WaitlistErrorKey = `waitlist.error.${keyof Messages["waitlist"]["error"] & string}`;

/** A readable message for a waiting-list error body (`seats_available` says how many seats are free when it knows). */
export function waitlistErrorText(t: Translate, error: unknown): string {
  const { code, extra } = parseApiError(error);
  if (code === "seats_available") {
    return typeof extra.available === "number"
      ? t("waitlist.join.seatsFree", { available: String(extra.available) })
      : t("waitlist.join.seatsFreeNoCount");
  }
  const key = `waitlist.error.${code ?? ""}`;
  if (code && t.has(key as WaitlistErrorKey)) return t(key as WaitlistErrorKey);
  return errorMessage(t, code);
}
