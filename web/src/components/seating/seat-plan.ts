import { api } from "@/lib/api/client";
import { createPlanCache } from "@/lib/seating/plans";

/** A seat map version's plan (sections, rows, seats), fetched once per page; the browser keeps it for good. */
export const seatPlan = createPlanCache(async (seatMapId, version) => {
  const { data } = await api.GET("/api/v1/seat-maps/{seat_map_id}/plans/{version}", {
    params: { path: { seat_map_id: seatMapId, version } },
  });
  return data ?? null;
});
