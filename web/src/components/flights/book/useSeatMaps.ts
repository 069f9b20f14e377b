"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { api } from "@/lib/api/client";
import type { SeatMap } from "@/lib/flights/seat-picker";

export type SeatMapState = { map: SeatMap | null; loading: boolean; failed: boolean };

/** The live seat map of each leg's departure (never cached), with a way to load one leg's map again. */
export function useSeatMaps(departureIds: readonly string[]) {
  const [states, setStates] = useState<SeatMapState[]>(() => departureIds.map(() => ({ map: null, loading: true, failed: false })));
  const requests = useRef<number[]>(departureIds.map(() => 0));
  const key = departureIds.join(",");

  const load = useCallback(
    async (index: number) => {
      const departureId = key.split(",")[index];
      if (!departureId) return;
      const request = ++requests.current[index]!;
      setStates((current) => current.map((state, i) => (i === index ? { ...state, loading: true, failed: false } : state)));
      let map: SeatMap | null = null;
      try {
        const { data } = await api.GET("/api/v1/flights/departures/{departure_id}/seat-map", {
          params: { path: { departure_id: departureId } },
        });
        map = data ?? null;
      } catch {
        map = null;
      }
      if (request !== requests.current[index]) return;
      setStates((current) =>
        current.map((state, i) => (i === index ? { map: map ?? state.map, loading: false, failed: map === null } : state)),
      );
    },
    [key],
  );

  useEffect(() => {
    key.split(",").forEach((_, index) => void load(index));
  }, [key, load]);

  return { states, reload: load };
}
