// English and Russian. The language lives in the "lang" cookie (set by the switch in the header).
import { common } from "./messages/common";
import { organizer } from "./messages/organizer";
import { visitor } from "./messages/visitor";

export type Lang = "en" | "ru";

export const LANGS: Lang[] = ["en", "ru"];

const dictionaries: Record<Lang, Record<string, string>> = {
  en: { ...common.en, ...visitor.en, ...organizer.en },
  ru: { ...common.ru, ...visitor.ru, ...organizer.ru },
};

export function toLang(value: string | null | undefined): Lang {
  return value === "ru" ? "ru" : "en";
}

/** Translate ``key``, filling ``{name}`` placeholders; unknown keys show themselves (caught by tests). */
export function translate(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? dictionaries.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** The message for an API error code, for error banners (aria-live). */
export function errorMessage(lang: Lang, code: string | null | undefined): string {
  const key = `error.${code ?? "unknown"}`;
  return key in dictionaries[lang] ? translate(lang, key) : translate(lang, "error.unknown");
}
