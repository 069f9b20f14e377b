// How a sign-in's device reads: "Chrome on Linux", else whatever the browser sent, else "Unknown device".
import type { Translate } from "@/i18n/translate";
import { describeUserAgent } from "@/lib/account/device";

export function deviceLabel(t: Translate, userAgent: string | null | undefined): string {
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return t("account.signIns.deviceName", { browser, os });
  return browser ?? os ?? (userAgent?.trim() || t("account.signIns.unknownDevice"));
}
