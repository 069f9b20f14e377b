// The wording of the account endpoints' errors: our own text for the codes they add, the shared one otherwise.
import type { Messages } from "@/i18n/catalogue";
import { errorMessage, type Translate } from "@/i18n/translate";

type AccountErrorKey = `account.error.${keyof Messages["account"]["error"] & string}`;

/** The `code` of an openapi-fetch error body, without trusting its shape. */
export function apiErrorCode(error: unknown): string | null {
  if (!error || typeof error !== "object") return null;
  const code = (error as Record<string, unknown>).code;
  return typeof code === "string" ? code : null;
}

/** A readable message for an account endpoint's error body (none, after a network failure: the unknown one). */
export function accountErrorText(t: Translate, error: unknown): string {
  const code = apiErrorCode(error);
  const key = `account.error.${code ?? ""}`;
  if (code && t.has(key as AccountErrorKey)) return t(key as AccountErrorKey);
  return errorMessage(t, code);
}

/** Whether an error body says the account's role needs two-factor sign-in turned on first. */
export function needsTwoFactor(error: unknown): boolean {
  return apiErrorCode(error) === "two_factor_required";
}
