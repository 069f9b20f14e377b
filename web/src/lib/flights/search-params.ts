// The flight search and booking pages keep their state in the URL. Reading it back is done here only, so
// the search form, the results and the booking page agree on names and rules (flights.md §8).
import type { CabinClass } from "./seat-map";

export type SearchParams = Record<string, string | string[] | undefined>;

export const CABINS: readonly CabinClass[] = ["economy", "premium_economy", "business", "first"];
export const MAX_PASSENGERS = 9;

export type FlightSearch = {
  origin: string;
  destination: string;
  departureDate: string;
  returnDate: string | null;
  passengers: number;
  cabin: CabinClass;
};

/** Why a search cannot be sent (keys of flights.search.problem). */
export type SearchProblem = "airports" | "sameAirports" | "departureDate" | "returnDate" | "returnBeforeDeparture" | "passengers";

/** The first value of a query parameter, trimmed ("" when absent). */
export function param(raw: SearchParams, key: string): string {
  const value = raw[key];
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

const IATA = /^[A-Za-z]{3}$/;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isCabin(value: string): value is CabinClass {
  return (CABINS as readonly string[]).includes(value);
}

/** A whole number of passengers 1..9 from text, or null. */
export function readPassengers(text: string): number | null {
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_PASSENGERS ? n : null;
}

/** A search read from the URL, or the problems that keep it from being sent. */
export function parseSearch(raw: SearchParams): { search: FlightSearch | null; problems: SearchProblem[] } {
  const origin = param(raw, "origin").toUpperCase();
  const destination = param(raw, "destination").toUpperCase();
  const departureDate = param(raw, "departure_date");
  const returnText = param(raw, "return_date");
  const passengersText = param(raw, "passengers") || "1";
  const cabinText = param(raw, "cabin") || "economy";
  const problems: SearchProblem[] = [];
  if (!IATA.test(origin) || !IATA.test(destination)) problems.push("airports");
  else if (origin === destination) problems.push("sameAirports");
  if (!isIsoDate(departureDate)) problems.push("departureDate");
  if (returnText && !isIsoDate(returnText)) problems.push("returnDate");
  else if (returnText && isIsoDate(departureDate) && returnText < departureDate) problems.push("returnBeforeDeparture");
  const passengers = readPassengers(passengersText);
  if (passengers === null) problems.push("passengers");
  const cabin = isCabin(cabinText) ? cabinText : "economy";
  if (problems.length > 0 || passengers === null) return { search: null, problems };
  return {
    search: { origin, destination, departureDate, returnDate: returnText || null, passengers, cabin },
    problems,
  };
}

/** The query string of a search, as the results page reads it. */
export function searchQuery(search: FlightSearch): string {
  const params = new URLSearchParams({
    origin: search.origin,
    destination: search.destination,
    departure_date: search.departureDate,
  });
  if (search.returnDate) params.set("return_date", search.returnDate);
  params.set("passengers", String(search.passengers));
  params.set("cabin", search.cabin);
  return params.toString();
}

/** One leg the traveller picked on the results page: a departure and one of its fares. */
export type PickedLeg = { departureId: string; fareId: string };

export type BookingSelection = { legs: PickedLeg[]; passengers: number; cabin: CabinClass; back: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The booking page's query: the search it came from plus `out`/`out_fare` and, for a round trip, `ret`/`ret_fare`. */
export function bookingQuery(search: FlightSearch, legs: PickedLeg[]): string {
  const params = new URLSearchParams(searchQuery(search));
  const [outbound, inbound] = legs;
  if (outbound) {
    params.set("out", outbound.departureId);
    params.set("out_fare", outbound.fareId);
  }
  if (inbound) {
    params.set("ret", inbound.departureId);
    params.set("ret_fare", inbound.fareId);
  }
  return params.toString();
}

/** The legs, party size and cabin of the booking page's query, or null when it is not one. */
export function parseBooking(raw: SearchParams): BookingSelection | null {
  const passengers = readPassengers(param(raw, "passengers") || "1");
  const cabinText = param(raw, "cabin") || "economy";
  if (passengers === null || !isCabin(cabinText)) return null;
  const legs: PickedLeg[] = [];
  for (const [dep, fare] of [["out", "out_fare"], ["ret", "ret_fare"]] as const) {
    const departureId = param(raw, dep);
    const fareId = param(raw, fare);
    if (!departureId && !fareId) continue;
    if (!UUID.test(departureId) || !UUID.test(fareId)) return null;
    legs.push({ departureId, fareId });
  }
  if (legs.length === 0 || !param(raw, "out")) return null;
  const { search } = parseSearch(raw);
  return { legs, passengers, cabin: cabinText, back: search ? `/flights/results?${searchQuery(search)}` : "/flights" };
}
