// The titles of the account's own notifications (address, password, sign-ins) on the notifications page.
import type { Translate } from "@/i18n/translate";

import { deviceLabel } from "./device-label";

export const ACCOUNT_NOTIFICATION_KINDS = [
  "verify_email",
  "password_reset",
  "password_changed",
  "email_change_requested",
  "new_sign_in",
] as const;

export function isAccountNotification(kind: string): kind is (typeof ACCOUNT_NOTIFICATION_KINDS)[number] {
  return (ACCOUNT_NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

function text(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === "string" && value ? value : null;
}

/** The title of an account notification, or null for another kind. */
export function accountNotificationTitle(t: Translate, kind: string, payload: Record<string, unknown>): string | null {
  if (!isAccountNotification(kind)) return null;
  switch (kind) {
    case "password_changed":
      return text(payload, "how") === "reset" ? t("notification.password_changed_reset") : t("notification.password_changed");
    case "new_sign_in":
      return t("notification.new_sign_in", {
        device: deviceLabel(t, text(payload, "user_agent")),
        ip: text(payload, "ip") ?? t("account.signIns.unknownAddress"),
      });
    default:
      return t(`notification.${kind}`);
  }
}
