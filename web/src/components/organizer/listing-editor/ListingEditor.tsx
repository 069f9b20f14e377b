"use client";

import { DetailsSection } from "./DetailsSection";
import { ListingHeader } from "./ListingHeader";
import { SessionsSection } from "./SessionsSection";
import { TicketTypesSection } from "./TicketTypesSection";
import type { AvailabilityMap, EventDetail, EventSales, SeatMapSummary } from "./types";
import { useListingActions } from "./useListingActions";

export type { AvailabilityMap, EventSales, SeatMapSummary } from "./types";

/**
 * The organizer's page for one listing: publishing or cancelling it, its details, sessions and ticket types.
 * The sections share one set of actions, so only one change runs at a time and each error shows where it
 * belongs.
 */
export function ListingEditor({
  event,
  availability,
  sales,
  seatMaps = [],
}: {
  event: EventDetail;
  availability: AvailabilityMap;
  /** Null when the sales could not be loaded: the editor then shows no sales figures. */
  sales: EventSales | null;
  /** The venue's seat maps (reserved seating); none when it has none or they could not be loaded. */
  seatMaps?: readonly SeatMapSummary[];
}) {
  const actions = useListingActions(event.id);
  return (
    <div className="space-y-8" aria-busy={actions.pending}>
      <ListingHeader event={event} actions={actions} />
      <DetailsSection event={event} actions={actions} />
      <SessionsSection event={event} availability={availability} sales={sales} seatMaps={seatMaps} actions={actions} />
      <TicketTypesSection event={event} actions={actions} />
    </div>
  );
}
