// The message for a refused order, in the traveller's language, with the passenger, leg or seats it names.
import type { Translate } from "@/i18n/translate";
import type { OrderError } from "@/lib/flights/order-errors";

const SIMPLE = [
  "invalid_order",
  "invalid_round_trip",
  "not_on_sale",
  "fare_not_in_cabin",
  "ticket_limit_reached",
  "not_found",
  "idempotency_key_reused",
  "not_authenticated",
] as const;
type Simple = (typeof SIMPLE)[number];

function isSimple(code: string): code is Simple {
  return (SIMPLE as readonly string[]).includes(code);
}

export function orderErrorText(t: Translate, error: OrderError): string {
  const n = String(error.passenger ?? "?");
  const seats = error.seats.map((s) => `${s.seat} (${s.leg})`).join(", ");
  switch (error.code) {
    case "invalid_passenger":
    case "document_expired":
      return t(`flights.book.error.${error.code}`, { n });
    case "passenger_already_booked":
      return t("flights.book.error.passenger_already_booked", { n, leg: String(error.leg ?? "?") });
    case "invalid_seat":
    case "seat_unavailable":
    case "seat_restricted":
      return t(`flights.book.error.${error.code}`, { seats: seats || "—" });
    case "cabin_sold_out":
      return t("flights.book.error.cabin_sold_out", { leg: String(error.leg ?? "?"), available: String(error.available ?? 0) });
    case "validation_error":
      return t("flights.book.error.validation_error", { fields: error.fields.join(", ") || error.detail || "—" });
    case "invalid_order":
      return error.passenger !== null ? t("flights.book.error.invalid_order_passenger", { n }) : t("flights.book.error.invalid_order");
    default:
      return isSimple(error.code) ? t(`flights.book.error.${error.code}`) : t("flights.book.error.unknown");
  }
}
