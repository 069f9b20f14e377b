"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { api } from "@/lib/api/client";

export type Live = { available: number; capacity: number; on_sale: boolean };

const POLL_MS = 15_000;

/**
 * Live availability of the event page's sessions (GET /sessions/{id}/availability, never cached), read on
 * load, every 15 s while the page is open, and on demand with `refresh` (after a refusal that says the
 * figures shown are stale).
 */
export function useLiveAvailability(sessionIds: readonly string[]) {
  const [live, setLive] = useState<Record<string, Live>>({});
  const key = sessionIds.join(",");
  const stopped = useRef(false);

  const refresh = useCallback(async () => {
    const ids = key ? key.split(",") : [];
    const results = await Promise.all(
      ids.map(async (id) => {
        try {
          const { data } = await api.GET("/api/v1/sessions/{session_id}/availability", {
            params: { path: { session_id: id } },
          });
          return data ? ([id, { available: data.available, capacity: data.capacity, on_sale: data.on_sale }] as const) : null;
        } catch {
          return null;
        }
      }),
    );
    if (stopped.current) return;
    setLive((previous) => {
      const next = { ...previous };
      for (const entry of results) if (entry) next[entry[0]] = entry[1];
      return next;
    });
  }, [key]);

  useEffect(() => {
    if (!key) return;
    stopped.current = false;
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => {
      stopped.current = true;
      window.clearInterval(timer);
    };
  }, [key, refresh]);

  return { live, refresh };
}
