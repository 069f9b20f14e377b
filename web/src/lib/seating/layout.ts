// How big the seat map is drawn: the grid in "cells" (one seat place each) plus room for row labels and the
// stage, scaled so the whole hall fits its container's width, then zoomed by the buyer.

/** Cells left of the grid (row labels sit one place left of a row) and right of it (for symmetry). */
export const GUTTER = 1.5;
/** Cells above the grid: the stage, then a line for the names of sections that start at the front. */
export const TOP = 3;
/** The largest a cell is drawn (px) when the map is not zoomed: small halls do not blow up. */
export const MAX_CELL_PX = 28;
/** Zoom levels the buttons step through; 1 fits the hall to the container's width. */
export const ZOOM_LEVELS: readonly number[] = [1, 1.5, 2, 3, 4];

export type ViewBox = { x: number; y: number; width: number; height: number };

/** The SVG's viewBox, in cells, for a grid `width` × `height`. */
export function viewBox(width: number, height: number): ViewBox {
  return { x: -GUTTER, y: -TOP, width: Math.max(width, 1) + 2 * GUTTER, height: Math.max(height, 1) + TOP + 0.5 };
}

/** The smallest a place is drawn (px) when fitting a deep hall into a short container: width still fits. */
export const MIN_FIT_CELL_PX = 12;

/**
 * The drawn size of the map: at zoom 1 a cell is as large as lets the whole width fit `containerWidth`
 * (px; at most MAX_CELL_PX) and, down to MIN_FIT_CELL_PX, the whole depth fit `containerHeight`; zooming
 * multiplies it (the container then scrolls). Before the container is measured (0) the map is drawn at
 * MAX_CELL_PX.
 */
export function layoutScale({
  width,
  height,
  containerWidth,
  containerHeight = 0,
  zoom,
}: {
  width: number;
  height: number;
  containerWidth: number;
  containerHeight?: number;
  zoom: number;
}): { cell: number; svgWidth: number; svgHeight: number } {
  const box = viewBox(width, height);
  let fit = containerWidth > 0 ? Math.min(MAX_CELL_PX, containerWidth / box.width) : MAX_CELL_PX;
  if (containerHeight > 0) fit = Math.min(fit, Math.max(MIN_FIT_CELL_PX, containerHeight / box.height));
  const cell = fit * Math.max(zoom, ZOOM_LEVELS[0]!);
  return { cell, svgWidth: Math.floor(box.width * cell), svgHeight: Math.floor(box.height * cell) };
}

/** The next zoom level up (or down); the ends stay where they are. */
export function stepZoom(zoom: number, direction: "in" | "out"): number {
  if (direction === "in") return ZOOM_LEVELS.find((level) => level > zoom) ?? ZOOM_LEVELS[ZOOM_LEVELS.length - 1]!;
  return [...ZOOM_LEVELS].reverse().find((level) => level < zoom) ?? ZOOM_LEVELS[0]!;
}
