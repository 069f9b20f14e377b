import "server-only";

import { cookies } from "next/headers";

import { toLang, type Lang } from "./i18n";

export async function currentLang(): Promise<Lang> {
  return toLang((await cookies()).get("lang")?.value);
}
