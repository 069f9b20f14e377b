// A passenger as the traveller types it, what is wrong with it before sending, and the API body it becomes
// (flights.md §9.1: adult ≥ 12, child 2–11 on the first leg's local departure date; the document valid
// until the last leg's local arrival date; names in Latin letters as in the passport).
import type { components } from "@/lib/api/schema";

import { isIsoDate } from "./search-params";
import type { PassengerType } from "./seat-picker";

export type PassengerCreate = components["schemas"]["PassengerCreate"];

export type PassengerDraft = {
  type: PassengerType;
  givenName: string;
  familyName: string;
  birthDate: string;
  nationality: string;
  documentNumber: string;
  documentSeries: string;
  documentExpiry: string;
  issuingCountry: string;
};

export type PassengerField = "type" | "givenName" | "familyName" | "birthDate" | "nationality" | "documentNumber" | "documentSeries" | "documentExpiry" | "issuingCountry";

/** Keys of flights.passenger.problem. */
export type PassengerProblem = "required" | "latin" | "date" | "country" | "document" | "tooYoung" | "notAdult" | "notChild" | "expired";

export type PassengerErrors = Partial<Record<PassengerField, PassengerProblem>>;

export function emptyPassenger(type: PassengerType = "adult"): PassengerDraft {
  return { type, givenName: "", familyName: "", birthDate: "", nationality: "", documentNumber: "", documentSeries: "", documentExpiry: "", issuingCountry: "" };
}

const LATIN_NAME = /^[A-Za-z][A-Za-z' -]{0,59}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const DOCUMENT = /^[A-Za-z0-9]{5,20}$/;

/** Whole years from a birth date to a day, both "YYYY-MM-DD". */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** What the server's age rules make of a birth date: adult ≥ 12, child 2–11, infant < 2 (not sold). */
export function ageGroup(birthDate: string, firstDepartureDate: string): "adult" | "child" | "infant" {
  const age = ageOn(birthDate, firstDepartureDate);
  if (age >= 12) return "adult";
  return age >= 2 ? "child" : "infant";
}

/**
 * Field by field, what keeps a passenger from being sent. `firstDepartureDate` and `lastArrivalDate` are local
 * dates at the airports ("YYYY-MM-DD").
 */
export function validatePassenger(draft: PassengerDraft, dates: { firstDepartureDate: string; lastArrivalDate: string }): PassengerErrors {
  const errors: PassengerErrors = {};
  const name = (field: "givenName" | "familyName") => {
    const value = draft[field].trim();
    if (!value) errors[field] = "required";
    else if (!LATIN_NAME.test(value)) errors[field] = "latin";
  };
  name("givenName");
  name("familyName");
  if (!draft.birthDate) errors.birthDate = "required";
  else if (!isIsoDate(draft.birthDate) || draft.birthDate > dates.firstDepartureDate) errors.birthDate = "date";
  else {
    const group = ageGroup(draft.birthDate, dates.firstDepartureDate);
    if (group === "infant") errors.birthDate = "tooYoung";
    else if (group !== draft.type) errors.birthDate = draft.type === "adult" ? "notAdult" : "notChild";
  }
  for (const field of ["nationality", "issuingCountry"] as const) {
    if (!draft[field]) errors[field] = "required";
    else if (!COUNTRY.test(draft[field])) errors[field] = "country";
  }
  const number = draft.documentNumber.replace(/\s/g, "");
  if (!number) errors.documentNumber = "required";
  else if (!DOCUMENT.test(number)) errors.documentNumber = "document";
  const series = draft.documentSeries.replace(/\s/g, "");
  if (series && !/^[A-Za-z0-9]{1,10}$/.test(series)) errors.documentSeries = "document";
  if (!draft.documentExpiry) errors.documentExpiry = "required";
  else if (!isIsoDate(draft.documentExpiry)) errors.documentExpiry = "date";
  else if (draft.documentExpiry < dates.lastArrivalDate) errors.documentExpiry = "expired";
  return errors;
}

/** Whether a party can be sent: at least one adult (the server refuses otherwise with invalid_order). */
export function hasAdult(drafts: readonly PassengerDraft[]): boolean {
  return drafts.some((draft) => draft.type === "adult");
}

/** The API body of a passenger; `seats` has one entry per leg (null: the server chooses), or is left out when none is chosen. */
export function passengerBody(draft: PassengerDraft, seats: readonly (string | null)[]): PassengerCreate {
  const series = draft.documentSeries.replace(/\s/g, "").toUpperCase();
  const body: PassengerCreate = {
    type: draft.type,
    given_name: draft.givenName.trim().replace(/\s+/g, " "),
    family_name: draft.familyName.trim().replace(/\s+/g, " "),
    birth_date: draft.birthDate,
    nationality: draft.nationality.toUpperCase(),
    document: {
      type: "passport",
      number: draft.documentNumber.replace(/\s/g, "").toUpperCase(),
      series: series || null,
      expires_on: draft.documentExpiry,
      issuing_country: draft.issuingCountry.toUpperCase(),
    },
  };
  if (seats.some((seat) => seat !== null)) body.seats = [...seats];
  return body;
}
