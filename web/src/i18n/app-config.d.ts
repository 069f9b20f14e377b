// Types next-intl's hooks and getTranslations: message keys and their placeholders come from the English
// catalogue, so a misspelt key or a missing value fails the type check.
import type { Lang, Messages } from "./catalogue";

declare module "next-intl" {
  interface AppConfig {
    Locale: Lang;
    Messages: Messages;
  }
}
