"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";

import { seatPlan } from "@/components/seating/seat-plan";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { unavailableSeats } from "@/lib/seating/booking";
import type { SeatPlan } from "@/lib/seating/plans";

import { describeApiError, networkError, parseApiError } from "../api-errors";

export type SessionSeatMap = components["schemas"]["SessionSeatMap"];
export type SessionSeating = components["schemas"]["SessionSeating"];

type Outcome = { data?: SessionSeating; error?: unknown };

/**
 * The seat desk's data: the session's live map (which seats are unavailable), its plan (the seats, fetched
 * once per map version; null while it loads) and who holds each taken seat;
 * and its changes (block, release, move), each answered with the new holders, after which the map is read
 * again. `busy` names the change running; `message` says how the last one went.
 */
export function useSeatDesk(sessionId: string, initialMap: SessionSeatMap, initialSeating: SessionSeating | null) {
  const t = useTranslations();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [map, setMap] = useState(initialMap);
  const [plan, setPlan] = useState<{ key: string; plan: SeatPlan | null } | null>(null);
  const [seating, setSeating] = useState(initialSeating);
  const [loadFailed, setLoadFailed] = useState(initialSeating === null);
  const [busy, setBusy] = useState<"block" | "release" | "move" | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const path = { params: { path: { session_id: sessionId } } };

  const reload = useCallback(async () => {
    try {
      const params = { params: { path: { session_id: sessionId } } };
      const [fresh, holders] = await Promise.all([
        api.GET("/api/v1/sessions/{session_id}/seat-map", params),
        api.GET("/api/v1/sessions/{session_id}/seats", params),
      ]);
      if (fresh.data) setMap(fresh.data);
      if (holders.data) setSeating(holders.data);
      setLoadFailed(!holders.data);
    } catch {
      setLoadFailed(true);
    }
  }, [sessionId]);

  const planKey = `${map.seat_map_id}.${map.version}`;
  useEffect(() => {
    let current = true;
    void seatPlan(map.seat_map_id, map.version).then((found) => {
      if (current) setPlan({ key: planKey, plan: found });
    });
    return () => {
      current = false;
    };
  }, [map.seat_map_id, map.version, planKey]);

  // The page is refreshed after a check-in or a change here: take what it read.
  useEffect(() => {
    setMap(initialMap);
  }, [initialMap]);
  useEffect(() => {
    if (initialSeating === null) void reload();
    else {
      setSeating(initialSeating);
      setLoadFailed(false);
    }
  }, [initialSeating, reload]);

  async function change(kind: "block" | "release" | "move", call: () => Promise<Outcome>, done: string): Promise<boolean> {
    setBusy(kind);
    setMessage(null);
    let ok = false;
    try {
      const { data, error } = await call();
      if (data) {
        setSeating(data);
        setMessage({ kind: "ok", text: done });
        ok = true;
      } else {
        const taken = unavailableSeats(error);
        const { code } = parseApiError(error);
        const text =
          code === "seat_unavailable" && taken.length > 0
            ? t("seatMaps.desk.taken", { seats: taken.join(", ") })
            : describeApiError(t, error);
        setMessage({ kind: "error", text });
      }
    } catch {
      setMessage({ kind: "error", text: networkError(t) });
    }
    await reload();
    setBusy(null);
    // The page's own figures (capacity, bookings) follow.
    startTransition(() => router.refresh());
    return ok;
  }

  const loaded = plan?.key === planKey ? plan : null;
  return {
    map,
    plan: loaded?.plan ?? null,
    planFailed: loaded !== null && loaded.plan === null,
    seating,
    loadFailed,
    busy,
    message,
    reload,
    block: (seats: string[]) =>
      change("block", () => api.POST("/api/v1/sessions/{session_id}/seats/block", { ...path, body: { seats } }), t("seatMaps.desk.blockedDone", { seats: seats.join(", ") })),
    release: (seats: string[]) =>
      change("release", () => api.POST("/api/v1/sessions/{session_id}/seats/release", { ...path, body: { seats } }), t("seatMaps.desk.releasedDone", { seats: seats.join(", ") })),
    move: (ticketId: string, from: string, seat: string) =>
      change(
        "move",
        () => api.POST("/api/v1/sessions/{session_id}/seats/move", { ...path, body: { ticket_id: ticketId, seat } }),
        t("seatMaps.desk.movedDone", { from, to: seat }),
      ),
  };
}

export type SeatDeskState = ReturnType<typeof useSeatDesk>;
