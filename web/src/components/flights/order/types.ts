import type { components } from "@/lib/api/schema";

export type FlightOrder = components["schemas"]["OrderRead"];
export type OrderLeg = FlightOrder["legs"][number];

/** The airports' zones of each leg (the order's legs carry offsets, not zone names), by departure id. */
export type LegZones = Record<string, { departure: string; arrival: string; origin: string; destination: string }>;

/** A leg's zones, or UTC when its departure could not be read (times then still show their own instant). */
export function zonesOf(zones: LegZones, leg: OrderLeg): { departure: string; arrival: string } {
  return zones[leg.departure_id] ?? { departure: "UTC", arrival: "UTC" };
}
