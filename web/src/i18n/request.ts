// next-intl's per-request configuration (found by the plugin in next.config.ts): the language comes from
// the "lang" cookie, not from the URL.
import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";

import { LANG_COOKIE, messages, toLang } from "./catalogue";

export default getRequestConfig(async () => {
  const locale = toLang((await cookies()).get(LANG_COOKIE)?.value);
  return { locale, messages: messages[locale] };
});
