// What the event page's booking form sends for a seated session, and what it says when the server refuses.
import type { Translate } from "@/i18n/translate";
import { errorMessage } from "@/i18n/translate";
import { errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { overLimit } from "@/lib/seating/booking";

import { zoneName } from "@/components/seating/seat-names";

import type { SeatedBooking } from "./useSeatedBooking";

type BookingCreate = components["schemas"]["BookingCreate"];
type TicketType = components["schemas"]["TicketTypeRead"];

/** The booking to send, or why there is none yet (nothing chosen, more than an order allows). */
export function seatedBookingBody(
  t: Translate,
  sessionId: string,
  seating: SeatedBooking,
  ticketTypes: readonly TicketType[],
): { body: BookingCreate } | { error: string } {
  const { items, seats } = seating.order;
  if (items.length === 0) return { error: seating.mode === "choose" ? t("seating.picker.chooseSeats") : t("event.chooseTickets") };
  const [over] = overLimit(items, seating.limits);
  if (over) {
    const name = ticketTypes.find((tt) => tt.id === over.ticketTypeId)?.name ?? "";
    return { error: t("seating.picker.overLimit", { max: String(over.max), name }) };
  }
  return { body: seats ? { session_id: sessionId, items, seats } : { session_id: sessionId, items } };
}

/** The message for a refused seated booking; seats taken meanwhile are listed by the picker itself. */
export function seatedRefusalText(t: Translate, error: unknown): string {
  const code = errorCode(error);
  if (code === "seat_unavailable") return t("seating.picker.refusedTaken");
  if (code === "sold_out" && error && typeof error === "object" && "zone" in error && typeof error.zone === "string") {
    const available = "available" in error && typeof error.available === "number" ? error.available : 0;
    return t("seating.picker.soldOutZone", { zone: zoneName(error.zone), available: String(available) });
  }
  return errorMessage(t, code);
}
