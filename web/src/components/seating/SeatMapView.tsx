"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ComponentProps } from "react";

import { layoutScale, stepZoom, ZOOM_LEVELS } from "@/lib/seating/layout";

import { SeatMapSvg } from "./SeatMapSvg";

const zoomButtonClass =
  "inline-flex h-9 min-w-9 items-center justify-center rounded border border-slate-300 bg-white px-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50";

/**
 * A seat map fitted to the width it is given, with zoom in, zoom out and fit buttons; zoomed in, its box
 * scrolls both ways instead of widening the page (it takes no width from its drawing: contain inline-size).
 */
export function SeatMapView({
  hint,
  testId,
  ...map
}: Omit<ComponentProps<typeof SeatMapSvg>, "cell" | "describedBy"> & { hint?: string; testId?: string }) {
  const t = useTranslations();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState({ width: 0, height: 0 });
  const [zoom, setZoom] = useState(ZOOM_LEVELS[0]!);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // The box is at most 70% of the window high (max-h-[70vh]): the map fits into that at zoom 1.
    const measure = () => {
      const next = { width: element.clientWidth, height: Math.floor(window.innerHeight * 0.7) - 8 };
      setContainer((current) => (current.width === next.width && current.height === next.height ? current : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, []);

  const { cell } = layoutScale({ width: map.width, height: map.height, containerWidth: container.width - 8, containerHeight: container.height, zoom });
  const minZoom = ZOOM_LEVELS[0]!;
  const maxZoom = ZOOM_LEVELS[ZOOM_LEVELS.length - 1]!;

  return (
    <div className="space-y-2" data-testid={testId}>
      <div role="group" aria-label={t("seating.map.zoom")} className="flex flex-wrap items-center gap-2">
        <button type="button" className={zoomButtonClass} aria-label={t("seating.map.zoomOut")} disabled={zoom <= minZoom} onClick={() => setZoom(stepZoom(zoom, "out"))} data-testid="zoom-out">
          <span aria-hidden="true">−</span>
        </button>
        <button type="button" className={zoomButtonClass} aria-label={t("seating.map.zoomIn")} disabled={zoom >= maxZoom} onClick={() => setZoom(stepZoom(zoom, "in"))} data-testid="zoom-in">
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className={zoomButtonClass} disabled={zoom === minZoom} onClick={() => setZoom(minZoom)} data-testid="zoom-reset">
          {t("seating.map.zoomReset")}
        </button>
        <span className="text-sm text-slate-600" aria-live="polite">
          {t("seating.map.zoomLevel", { percent: String(Math.round(zoom * 100)) })}
        </span>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <div
        ref={box}
        data-testid="seat-map-box"
        className="max-h-[70vh] w-full overflow-auto rounded border border-slate-200 bg-slate-50 p-1 contain-inline-size"
      >
        <SeatMapSvg {...map} cell={cell} describedBy={hint ? `${id}-hint` : undefined} />
      </div>
    </div>
  );
}
