"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { seatPlan } from "@/components/seating/seat-plan";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import type { SeatPlan } from "@/lib/seating/plans";

/** The live map with the seats of its plan. */
export type SessionSeatMap = components["schemas"]["SessionSeatMap"] & Pick<SeatPlan, "sections">;

export type SeatMapState = { map: SessionSeatMap | null; loading: boolean; failed: boolean };

/** How often an open seat map asks which seats were taken meanwhile. */
const REFRESH_MS = 30_000;

/**
 * A seated session's live map (GET /sessions/{id}/seat-map, never cached) with its plan (fetched once per map
 * version), loaded again every 30 s and on demand; `reload` resolves to the fresh map (null when it could not be had). A map answered for a session
 * the buyer has left meanwhile is dropped.
 */
export function useSessionSeatMap(sessionId: string | null, onLoaded: (map: SessionSeatMap) => void) {
  // The state of the session last asked about: switching sessions shows nothing stale meanwhile.
  const [state, setState] = useState<SeatMapState & { sessionId: string | null }>({ sessionId: null, map: null, loading: false, failed: false });
  const request = useRef(0);
  const loaded = useRef(onLoaded);
  useEffect(() => {
    loaded.current = onLoaded;
  });

  const reload = useCallback(async (): Promise<SessionSeatMap | null> => {
    if (sessionId === null) return null;
    const mine = ++request.current;
    setState((current) => ({ ...(current.sessionId === sessionId ? current : { map: null }), sessionId, loading: true, failed: false }));
    let map: SessionSeatMap | null = null;
    try {
      const { data } = await api.GET("/api/v1/sessions/{session_id}/seat-map", { params: { path: { session_id: sessionId } } });
      const plan = data ? await seatPlan(data.seat_map_id, data.version) : null;
      map = data && plan ? { ...data, sections: plan.sections } : null;
    } catch {
      map = null;
    }
    if (mine !== request.current) return null;
    setState((current) => ({ sessionId, map: map ?? (current.sessionId === sessionId ? current.map : null), loading: false, failed: map === null }));
    if (map) loaded.current(map);
    return map;
  }, [sessionId]);

  useEffect(() => {
    if (sessionId === null) return;
    void reload();
    const timer = window.setInterval(() => void reload(), REFRESH_MS);
    return () => {
      request.current++;
      window.clearInterval(timer);
    };
  }, [sessionId, reload]);

  const current = state.sessionId === sessionId;
  return {
    map: current ? state.map : null,
    loading: sessionId !== null && (!current || state.loading),
    failed: current && state.failed,
    reload,
  };
}
