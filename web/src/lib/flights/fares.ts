// A fare as the carrier types it (price in major units, bags as text) and the API body it becomes.
import type { components } from "@/lib/api/schema";
import { toMinorUnits } from "@/lib/money";

import type { CabinClass } from "./seat-map";

export type FareCreate = components["schemas"]["FareCreate"];

export type FareDraft = {
  key: number;
  name: string;
  cabin: CabinClass;
  price: string;
  currency: string;
  refundable: boolean;
  changeable: boolean;
  cabinBags: string;
  checkedBags: string;
};

export type FareProblem = "required" | "badPrice" | "badBags";

export function emptyFare(key: number, currency = "KZT", cabin: CabinClass = "economy"): FareDraft {
  return { key, name: "", cabin, price: "", currency, refundable: false, changeable: false, cabinBags: "1", checkedBags: "0" };
}

/** 0 to 5 bags, typed as a whole number. */
export function readBags(text: string): number | null {
  return /^\s*[0-5]\s*$/.test(text) ? Number(text) : null;
}

/** The API body for a typed fare, or what is wrong with it. Prices become integer minor units. */
export function fareBody(draft: FareDraft): FareCreate | FareProblem {
  if (!draft.name.trim() || !draft.price.trim()) return "required";
  const price = toMinorUnits(draft.price, draft.currency);
  if (price === null) return "badPrice";
  const cabinBags = readBags(draft.cabinBags);
  const checkedBags = readBags(draft.checkedBags);
  if (cabinBags === null || checkedBags === null) return "badBags";
  return {
    name: draft.name.trim(),
    cabin: draft.cabin,
    price,
    currency: draft.currency,
    refundable: draft.refundable,
    changeable: draft.changeable,
    cabin_bags: cabinBags,
    checked_bags: checkedBags,
  };
}
