import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";

import { MyPartyBookings, type RequestContext } from "@/components/parties/MyPartyBookings";
import { PartyLinks } from "@/components/parties/PartyLinks";
import { serverApi } from "@/lib/api/server";

export const dynamic = "force-dynamic";

export default async function MyPartyBookingsPage() {
  const t = await getTranslations();
  const api = await serverApi();
  const [bookings, requests] = await Promise.all([
    api.GET("/api/v1/parties/bookings", { params: { query: { limit: 100 } } }),
    api.GET("/api/v1/parties/requests", { params: { query: { role: "guest", limit: 100 } } }),
  ]);
  if (bookings.response.status === 401) redirect(`/login?next=${encodeURIComponent("/parties/bookings")}`);
  if (!bookings.data) throw new Error(`Could not load party bookings (${bookings.response.status})`);
  const requestItems = requests.data?.items ?? [];
  // A request names its slot only: read each party once for the film, the time and the zone.
  const context: Record<string, RequestContext> = {};
  const partyIds = [...new Set(requestItems.map((r) => r.party_id))];
  const parties = await Promise.all(
    partyIds.map((id) => api.GET("/api/v1/parties/{party_id}", { params: { path: { party_id: id } } }).then((r) => r.data ?? null).catch(() => null)),
  );
  for (const party of parties) {
    for (const slot of party?.slots ?? []) context[slot.id] = { film: party?.movie.title ?? "", startsAt: slot.starts_at, timeZone: slot.timezone };
  }

  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("parties.bookings.title")}</h1>
        <PartyLinks signedIn />
      </div>
      <MyPartyBookings bookings={bookings.data.items ?? []} requests={requestItems} context={context} />
    </section>
  );
}
