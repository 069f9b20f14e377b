// The venue time zone of each listing a page lists, so its dates read as the venue's wall-clock time.
import type { serverApi } from "./server";

type Api = Awaited<ReturnType<typeof serverApi>>;

/** Each listed event's venue zone by event id (an event whose zone cannot be read is left out: UTC). */
export async function venueZones(api: Api, eventIds: Iterable<string>): Promise<Record<string, string>> {
  const ids = [...new Set(eventIds)];
  const zones = await Promise.all(
    ids.map(async (id) => {
      try {
        const { data } = await api.GET("/api/v1/events/{event_id}", { params: { path: { event_id: id } } });
        return data?.venue?.timezone ? ([id, data.venue.timezone] as const) : null;
      } catch {
        return null;
      }
    }),
  );
  return Object.fromEntries(zones.filter((zone) => zone !== null));
}
