// The wording of the parties API's errors: our own text for the codes it names, the shared one otherwise.
import { describeApiError, parseApiError } from "@/components/organizer/api-errors";
import type { Messages } from "@/i18n/catalogue";
import type { Translate } from "@/i18n/translate";

type PartyErrorKey = `parties.error.${keyof Messages["parties"]["error"] & string}`;

/** A readable message for a parties error body (`sold_out` says how many places are left when it knows). */
export function partyErrorText(t: Translate, error: unknown): string {
  const { code, extra } = parseApiError(error);
  if (code === "sold_out" && typeof extra.available === "number") {
    return t("parties.book.soldOutLeft", { available: String(extra.available) });
  }
  const key = `parties.error.${code ?? ""}`;
  if (code && t.has(key as PartyErrorKey)) return t(key as PartyErrorKey);
  return describeApiError(t, error);
}
