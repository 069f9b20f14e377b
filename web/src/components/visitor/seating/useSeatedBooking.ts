"use client";

import { useCallback, useMemo, useRef, useState } from "react";

import type { components } from "@/lib/api/schema";
import {
  bestAvailableItems,
  dropTaken,
  itemsTotal,
  seatBooking,
  toggleSeat,
  refusalKept,
  shownUnavailable,
  unavailableSeats,
  type Refusal,
  type BookingItem,
  type ChosenSeat,
  type ZoneOffer,
} from "@/lib/seating/booking";
import { zoneColors } from "@/lib/seating/colors";
import { planSeats, type PlanSeat } from "@/lib/seating/plan";

import { useSessionSeatMap, type SessionSeatMap } from "./useSessionSeatMap";

type TicketType = components["schemas"]["TicketTypeRead"];

export type SeatingMode = "choose" | "best";

/** What a booking of a seated session sends, once there is something to book. */
export type SeatedOrder = { items: BookingItem[]; seats?: string[] };

/**
 * The buyer's side of a seated session: its live map, the seats chosen on it (each at a ticket type of its
 * zone) or the counts for the best seats available, and what a booking sends. Seats someone else takes
 * meanwhile (seen when the map reloads, or named by a refused booking) leave the choice and are listed in
 * `justTaken`. Choices belong to a session: switching sessions starts afresh.
 */
export function useSeatedBooking(sessionId: string | null, ticketTypes: readonly TicketType[]) {
  const [choice, setChoice] = useState<{ sessionId: string | null; chosen: ChosenSeat[]; justTaken: string[] }>({
    sessionId: null,
    chosen: [],
    justTaken: [],
  });
  const [mode, setMode] = useState<SeatingMode>("choose");
  const [best, setBest] = useState<Record<string, number>>({});
  // Seats a refused booking named: shown taken until a map read well after the refusal (the live map may be
  // cached for a second) says how they stand.
  const refusedSeats = useRef<Refusal>({ sessionId: null, codes: new Set(), at: 0 });

  const current = choice.sessionId === sessionId;
  const chosen = useMemo(() => (current ? choice.chosen : []), [current, choice.chosen]);
  const justTaken = current ? choice.justTaken : [];

  const onLoaded = useCallback(
    (map: SessionSeatMap) => {
      refusedSeats.current = refusalKept(refusedSeats.current, sessionId, Date.now());
      const unavailable = shownUnavailable(map.unavailable, refusedSeats.current);
      setChoice((previous) => {
        if (previous.sessionId !== sessionId) return previous;
        const { kept, lost } = dropTaken(previous.chosen, unavailable);
        return lost.length ? { sessionId, chosen: kept, justTaken: lost } : previous;
      });
    },
    [sessionId],
  );
  const state = useSessionSeatMap(sessionId, onLoaded);
  const { map } = state;

  const seats: PlanSeat[] = useMemo(() => (map ? planSeats(map.sections) : []), [map]);
  const unavailable = useMemo(() => shownUnavailable(map?.unavailable ?? [], refusedSeats.current), [map]);
  const offers = useMemo(() => new Map((map?.zones ?? []).map((offer) => [offer.zone, offer] as const)), [map]);
  const colors = useMemo(() => zoneColors((map?.zones ?? []).map((z) => z.zone)), [map]);
  const limits = useMemo(() => new Map(ticketTypes.map((tt) => [tt.id, tt.max_per_order] as const)), [ticketTypes]);

  const update = (next: (chosen: ChosenSeat[]) => ChosenSeat[]) =>
    setChoice((previous) => {
      const mine = previous.sessionId === sessionId ? previous.chosen : [];
      return { sessionId, chosen: next(mine), justTaken: [] };
    });

  const order: SeatedOrder =
    mode === "choose" ? seatBooking(chosen) : { items: bestAvailableItems(best, map?.zones ?? []) };
  const zoneList: ZoneOffer[] = map?.zones ?? [];

  return {
    ...state,
    seats,
    unavailable,
    offers,
    colors,
    limits,
    chosen,
    justTaken,
    mode,
    setMode,
    best,
    setBest: (ticketTypeId: string, quantity: number) => setBest((q) => ({ ...q, [ticketTypeId]: quantity })),
    toggle: (seat: PlanSeat) => {
      if (unavailable.has(seat.code)) return;
      update((mine) => toggleSeat(mine, seat, offers.get(seat.zone)));
    },
    setTicketType: (code: string, ticketTypeId: string) =>
      update((mine) => mine.map((c) => (c.code === code ? { ...c, ticketTypeId } : c))),
    remove: (code: string) => update((mine) => mine.filter((c) => c.code !== code)),
    order,
    total: itemsTotal(order.items, zoneList),
    currency: zoneList.flatMap((z) => z.prices)[0]?.currency ?? ticketTypes[0]?.currency ?? "KZT",
    /** After a refused booking: the map again, without the seats the refusal names (409 seat_unavailable). */
    refused: (error: unknown) => {
      refusedSeats.current = { sessionId, codes: new Set(unavailableSeats(error)), at: Date.now() };
      void state.reload();
    },
  };
}

export type SeatedBooking = ReturnType<typeof useSeatedBooking>;
