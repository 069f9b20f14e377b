// What a refused POST /flights/orders says (flights.md §12.2) reduced to where the booking form shows it:
// near a passenger, near a leg's seat map, at the price summary, or above the submit button.

export type SeatRef = { leg: number; seat: string };

export type OrderError = {
  code: string;
  detail: string | null;
  /** 1-based position of the passenger concerned. */
  passenger: number | null;
  /** 1-based leg concerned. */
  leg: number | null;
  seats: SeatRef[];
  /** The new total of price_changed. */
  total: number | null;
  /** Seats left in the cabin (cabin_sold_out). */
  available: number | null;
  /** Fields named by a validation_error. */
  fields: string[];
};

/** Where the message goes on the booking page. */
export type ErrorPlace = "passenger" | "seats" | "price" | "form";

const SEAT_CODES = new Set(["seat_unavailable", "seat_restricted", "invalid_seat"]);
const PASSENGER_CODES = new Set(["invalid_passenger", "document_expired", "passenger_already_booked"]);

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Reads an error body defensively: extras are top-level fields next to `code` (§12.0). */
export function readOrderError(body: unknown): OrderError {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const seats = Array.isArray(record.seats)
    ? record.seats.flatMap((item: unknown) => {
        if (!item || typeof item !== "object") return [];
        const { leg, seat } = item as Record<string, unknown>;
        return typeof leg === "number" && typeof seat === "string" ? [{ leg, seat }] : [];
      })
    : [];
  const fields = Array.isArray(record.errors)
    ? record.errors.flatMap((item: unknown) => {
        const field = item && typeof item === "object" ? (item as Record<string, unknown>).field : null;
        return typeof field === "string" ? [field] : [];
      })
    : [];
  return {
    code: typeof record.code === "string" ? record.code : "unknown",
    detail: typeof record.detail === "string" ? record.detail : null,
    passenger: numberOrNull(record.passenger),
    leg: numberOrNull(record.leg),
    seats,
    total: numberOrNull(record.total),
    available: numberOrNull(record.available),
    fields,
  };
}

export function errorPlace(error: OrderError): ErrorPlace {
  if (PASSENGER_CODES.has(error.code) && error.passenger !== null) return "passenger";
  if (error.code === "invalid_order" && error.passenger !== null) return "passenger";
  if (SEAT_CODES.has(error.code) && error.seats.length > 0) return "seats";
  if (error.code === "price_changed") return "price";
  return "form";
}

/** The legs whose seat map should be loaded again after this error (taken seats, a full cabin). */
export function legsToReload(error: OrderError): number[] {
  if (error.code === "seat_unavailable") return [...new Set(error.seats.map((s) => s.leg))];
  if (error.code === "cabin_sold_out" && error.leg !== null) return [error.leg];
  return [];
}

/** The seats an error marks on leg `leg`. */
export function markedSeats(error: OrderError | null, leg: number): Set<string> {
  return new Set(error?.seats.filter((s) => s.leg === leg).map((s) => s.seat) ?? []);
}
