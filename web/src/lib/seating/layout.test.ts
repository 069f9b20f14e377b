import { describe, expect, it } from "vitest";

import { GUTTER, layoutScale, MAX_CELL_PX, MIN_FIT_CELL_PX, stepZoom, TOP, viewBox } from "./layout";

describe("viewBox", () => {
  it("adds the row-label gutters and the stage above the grid", () => {
    expect(viewBox(21, 18)).toEqual({ x: -GUTTER, y: -TOP, width: 21 + 2 * GUTTER, height: 18 + TOP + 0.5 });
  });
});

describe("layoutScale", () => {
  it("fits the hall to a phone's width at zoom 1", () => {
    // The demo hall: 21 places wide (20 seats and an aisle), 18 deep, in a 343 px column.
    const { cell, svgWidth, svgHeight } = layoutScale({ width: 21, height: 18, containerWidth: 343, zoom: 1 });
    expect(svgWidth).toBeLessThanOrEqual(343);
    expect(svgWidth).toBeGreaterThan(330);
    expect(cell).toBeCloseTo(343 / 24, 5);
    expect(svgHeight).toBe(Math.floor(21.5 * cell));
  });

  it("never blows a small hall up beyond the largest cell", () => {
    const { cell, svgWidth } = layoutScale({ width: 4, height: 2, containerWidth: 1200, zoom: 1 });
    expect(cell).toBe(MAX_CELL_PX);
    expect(svgWidth).toBe(Math.floor(7 * MAX_CELL_PX));
  });

  it("zooms by multiplying the fitted cell, letting the container scroll", () => {
    const fitted = layoutScale({ width: 21, height: 18, containerWidth: 343, zoom: 1 });
    const zoomed = layoutScale({ width: 21, height: 18, containerWidth: 343, zoom: 2 });
    expect(zoomed.cell).toBeCloseTo(fitted.cell * 2, 5);
    expect(zoomed.svgWidth).toBeGreaterThan(343);
  });

  it("fits a deep hall to a short container too, but never below a readable size", () => {
    // 21.5 places deep in 430 px: 20 px a place, narrower than the width allows.
    expect(layoutScale({ width: 21, height: 18, containerWidth: 1000, containerHeight: 430, zoom: 1 }).cell).toBeCloseTo(20, 5);
    expect(layoutScale({ width: 21, height: 200, containerWidth: 1000, containerHeight: 430, zoom: 1 }).cell).toBe(MIN_FIT_CELL_PX);
    // The width still wins when it is the tighter.
    expect(layoutScale({ width: 21, height: 18, containerWidth: 343, containerHeight: 430, zoom: 1 }).cell).toBeCloseTo(343 / 24, 5);
  });

  it("draws at the largest cell until the container is measured", () => {
    expect(layoutScale({ width: 10, height: 5, containerWidth: 0, zoom: 1 }).cell).toBe(MAX_CELL_PX);
  });
});

describe("stepZoom", () => {
  it("steps through the levels and stops at the ends", () => {
    expect(stepZoom(1, "in")).toBe(1.5);
    expect(stepZoom(1.5, "out")).toBe(1);
    expect(stepZoom(1, "out")).toBe(1);
    expect(stepZoom(4, "in")).toBe(4);
  });
});
