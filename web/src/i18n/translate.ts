// Helpers around next-intl's typed `t`, for texts that depend on values the API sends.
import type { createTranslator } from "next-intl";

import type { Messages } from "./catalogue";

/** What useTranslations() and getTranslations() return without a namespace: every key, typed. */
export type Translate = ReturnType<typeof createTranslator<Messages>>;

type ErrorKey = `error.${keyof Messages["error"] & string}`;

/** The message for an API error code, for error banners (aria-live); codes without one read as error.unknown. */
export function errorMessage(t: Translate, code: string | null | undefined): string {
  const key = `error.${code ?? "unknown"}`;
  return t.has(key as ErrorKey) ? t(key as ErrorKey) : t("error.unknown");
}

// Namespaces whose keys are values the API sends as plain strings (statuses); none takes placeholders.
type ValueNamespaces = {
  status: Messages["status"];
  ticket: Messages["ticket"];
  "org.status": Messages["org"]["status"];
  "org.booking": Messages["org"]["booking"];
};
type ValueKey = { [N in keyof ValueNamespaces]: `${N}.${keyof ValueNamespaces[N] & string}` }[keyof ValueNamespaces];

/**
 * The message for an API value in a namespace that lists them, e.g. `valueMessage(t, "status", booking.status)`.
 * A value the catalogue does not know shows its key, as any missing message does.
 */
export function valueMessage(t: Translate, namespace: keyof ValueNamespaces, value: string): string {
  return t(`${namespace}.${value}` as ValueKey);
}
