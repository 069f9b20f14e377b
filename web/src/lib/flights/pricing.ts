// The booking page's price summary: each leg's fare times the party, and the total the order must match
// (`expected_total`, flights.md §9.1). Amounts are integer minor units.

export type PricedLeg = { leg: number; fareName: string; price: number; currency: string };

export type PriceLine = PricedLeg & { passengers: number; subtotal: number };

export type PriceSummary = { lines: PriceLine[]; total: number; currency: string | null; mixedCurrencies: boolean };

export function priceSummary(legs: PricedLeg[], passengers: number): PriceSummary {
  const lines = legs.map((leg) => ({ ...leg, passengers, subtotal: leg.price * passengers }));
  const currencies = new Set(legs.map((leg) => leg.currency));
  return {
    lines,
    total: lines.reduce((sum, line) => sum + line.subtotal, 0),
    currency: legs[0]?.currency ?? null,
    mixedCurrencies: currencies.size > 1,
  };
}

/** The sum of the chosen fares' party totals on the results page (null until every slice has a fare). */
export function selectionTotal(totals: (number | null)[]): number | null {
  if (totals.length === 0 || totals.some((total) => total === null)) return null;
  return totals.reduce<number>((sum, total) => sum + (total ?? 0), 0);
}
