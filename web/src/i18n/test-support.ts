// Translators for tests of code that takes a `t` outside React (no provider needed).
import { createTranslator } from "next-intl";

import { messages, type Lang } from "./catalogue";
import type { Translate } from "./translate";

export function translatorFor(lang: Lang): Translate {
  return createTranslator({ locale: lang, messages: messages[lang] });
}
