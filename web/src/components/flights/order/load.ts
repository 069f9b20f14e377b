// Server side: a traveller's order and the zones of its airports (for local times), or why there is none.
import "server-only";

import { serverApi } from "@/lib/api/server";

import type { OrderChange } from "@/lib/flights/changes";

import type { FlightOrder, LegZones } from "./types";

export type LoadedOrder = { status: "ok"; order: FlightOrder; zones: LegZones; changes: OrderChange[] } | { status: "signed_out" } | { status: "not_found" };

export async function loadOrder(id: string): Promise<LoadedOrder> {
  const api = await serverApi();
  const { data: order, response } = await api.GET("/api/v1/flights/orders/{order_id}", { params: { path: { order_id: id } } });
  if (response.status === 401) return { status: "signed_out" };
  if (!order) {
    if ([400, 403, 404, 422].includes(response.status)) return { status: "not_found" };
    throw new Error(`Could not load the flight order (${response.status})`);
  }
  const [zones, changes] = await Promise.all([departureZones(order.legs.map((leg) => leg.departure_id)), orderChanges(id)]);
  return { status: "ok", order, zones, changes };
}

/** The order's schedule changes (the banner's old times, the past answers); none when they cannot be read. */
export async function orderChanges(id: string): Promise<OrderChange[]> {
  const api = await serverApi();
  try {
    const { data } = await api.GET("/api/v1/flights/orders/{order_id}/schedule-changes", { params: { path: { order_id: id } } });
    return data?.items ?? [];
  } catch {
    return [];
  }
}

/**
 * The airports' zones of departures, by id. An order's legs carry instants (in UTC), not zone names, and local
 * times must be shown in each airport's own zone: the public departure says which. Unreadable ones are left out.
 */
export async function departureZones(ids: readonly string[]): Promise<LegZones> {
  const api = await serverApi();
  const unique = [...new Set(ids)];
  const departures = await Promise.all(
    unique.map((id) =>
      api
        .GET("/api/v1/flights/departures/{departure_id}", { params: { path: { departure_id: id } } })
        .then((r) => r.data ?? null)
        .catch(() => null),
    ),
  );
  const zones: LegZones = {};
  for (const departure of departures) {
    if (!departure) continue;
    zones[departure.id] = {
      departure: departure.departure_timezone,
      arrival: departure.arrival_timezone,
      origin: departure.origin.city,
      destination: departure.destination.city,
    };
  }
  return zones;
}
