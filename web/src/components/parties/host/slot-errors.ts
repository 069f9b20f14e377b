// Slot errors worded for the editor: an overlap names the showing it collides with when it is on this page.
import type { Lang } from "@/i18n/catalogue";
import type { Translate } from "@/i18n/translate";
import { conflictingSlotId } from "@/lib/parties/booking-outcome";
import type { Slot } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "../errors";

export function slotErrorText(t: Translate, lang: Lang, error: unknown, slots: Slot[]): string {
  const conflicting = conflictingSlotId(error);
  if (conflicting === null) return partyErrorText(t, error);
  const slot = slots.find((s) => s.id === conflicting);
  if (!slot) return `${partyErrorText(t, error)} ${t("partyHost.slots.overlapOther")}`;
  const when = `${formatDateTime(slot.starts_at, slot.timezone, lang)} – ${formatDateTime(slot.ends_at, slot.timezone, lang)}`;
  return `${partyErrorText(t, error)} ${t("partyHost.slots.overlap", { when })}`;
}
