"use client";

import { useEffect, useRef, useState } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import type { SeatMapDraw } from "@/lib/seating/drawing-form";

import { parseApiError } from "../api-errors";

export type SeatMapPreview = components["schemas"]["SeatMapPreview"];

export type PreviewState = {
  /** The seats of the last drawing the server could draw (kept while a newer one has problems). */
  preview: SeatMapPreview | null;
  /** Why the server cannot draw the current drawing (invalid_seat_map's `problems`, or field errors). */
  problems: string[];
  /** The newest drawing has not been drawn yet. */
  pending: boolean;
  failed: boolean;
};

/** How long the editor waits after the last keystroke before asking for a preview. */
export const PREVIEW_DEBOUNCE_MS = 300;

/** The problems a refused drawing names: `problems` (invalid_seat_map), or each field error's message. */
export function drawingProblems(error: unknown): string[] {
  const { extra, detail } = parseApiError(error);
  if (Array.isArray(extra.problems)) return extra.problems.filter((p): p is string => typeof p === "string");
  if (Array.isArray(extra.errors)) {
    const messages = extra.errors.flatMap((e: unknown) => {
      if (!e || typeof e !== "object") return [];
      const field = "field" in e && typeof e.field === "string" ? e.field : null;
      const message = "message" in e && typeof e.message === "string" ? e.message : null;
      return message ? [field ? `${field}: ${message}` : message] : [];
    });
    if (messages.length > 0) return messages;
  }
  return detail ? [detail] : [];
}

/**
 * The live preview of a drawing: ~300 ms after it last changed, POST /seat-maps/preview (nothing is saved).
 * A newer drawing cancels the request for an older one. `drawing` null (the fields do not make a drawing
 * yet, or the map cannot change) asks nothing and keeps what is shown.
 */
export function useDrawingPreview(drawing: SeatMapDraw | null, initial: SeatMapPreview | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: initial, problems: [], pending: false, failed: false });
  const key = drawing === null ? null : JSON.stringify(drawing);
  const latest = useRef(drawing);
  useEffect(() => {
    latest.current = drawing;
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      const body = latest.current;
      if (!body) return;
      setState((s) => ({ ...s, pending: true }));
      try {
        const { data, error } = await api.POST("/api/v1/seat-maps/preview", { body, signal: controller.signal });
        if (controller.signal.aborted) return;
        if (data) setState({ preview: data, problems: [], pending: false, failed: false });
        else setState((s) => ({ ...s, problems: drawingProblems(error), pending: false, failed: false }));
      } catch {
        if (!controller.signal.aborted) setState((s) => ({ ...s, pending: false, failed: true }));
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  return state;
}
