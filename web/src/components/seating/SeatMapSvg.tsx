"use client";

import { useTranslations } from "next-intl";
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";

import { SEAT_COLORS } from "@/lib/seating/colors";
import { viewBox } from "@/lib/seating/layout";
import { keyDirection, lineEnd, neighbour } from "@/lib/seating/navigation";
import { rowLabels, sectionTitles, type PlanSeat, type SeatSection } from "@/lib/seating/plan";

import { SeatMark, type SeatLook } from "./SeatMark";

/** What a map shows of one seat: how it looks, its spoken name, and (on maps one picks on) its state. */
export type SeatDescription = SeatLook & { label: string; pressed: boolean; selectable: boolean };

/** Seat numbers are drawn inside the seats once a place is at least this large (px). */
const NUMBERS_FROM_PX = 22;

/**
 * A seat map as an SVG on the map's grid (one unit a place): the stage at the top, section names, row labels
 * and the seats. With `onToggle` the seats are buttons under one roving tab stop: Tab enters the map on one
 * seat, the arrow keys move to the nearest seat that way (Home and End to the row's ends), Enter or Space
 * chooses. Without it the map is one picture with a name.
 */
export function SeatMapSvg({
  sections,
  seats,
  width,
  height,
  cell,
  describe,
  onToggle,
  label,
  describedBy,
}: {
  sections: readonly SeatSection[];
  seats: readonly PlanSeat[];
  width: number;
  height: number;
  /** The size of one place, in px. */
  cell: number;
  describe: (seat: PlanSeat) => SeatDescription;
  onToggle?: (seat: PlanSeat) => void;
  label: string;
  describedBy?: string;
}) {
  const t = useTranslations();
  const svg = useRef<SVGSVGElement>(null);
  const [active, setActive] = useState<string | null>(null);
  const box = viewBox(width, height);
  const byCode = useMemo(() => new Map(seats.map((seat) => [seat.code, seat])), [seats]);
  const titles = useMemo(() => sectionTitles(sections), [sections]);
  const labels = useMemo(() => rowLabels(sections), [sections]);
  const interactive = onToggle !== undefined;
  const described = seats.map((seat) => [seat, describe(seat)] as const);
  // The one seat Tab lands on: the last one used, else the first that can be chosen, else the first.
  const tabStop = active !== null && byCode.has(active) ? active : (described.find(([, d]) => d.selectable)?.[0].code ?? seats[0]?.code ?? null);

  function seatOf(target: EventTarget): PlanSeat | null {
    const element = target instanceof Element ? target.closest("[data-seat]") : null;
    const code = element?.getAttribute("data-seat");
    return code ? (byCode.get(code) ?? null) : null;
  }

  function focusSeat(seat: PlanSeat) {
    setActive(seat.code);
    svg.current?.querySelector<SVGGElement>(`[data-seat="${seat.code}"]`)?.focus();
  }

  function choose(seat: PlanSeat) {
    setActive(seat.code);
    if (describe(seat).selectable) onToggle?.(seat);
  }

  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const seat = seatOf(event.target);
    if (!seat) return;
    const direction = keyDirection(event.key);
    let next: PlanSeat | null = null;
    if (direction) next = neighbour(seats, seat, direction);
    else if (event.key === "Home") next = lineEnd(seats, seat, "start");
    else if (event.key === "End") next = lineEnd(seats, seat, "end");
    else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose(seat);
      return;
    } else return;
    event.preventDefault();
    if (next) focusSeat(next);
  }

  function onClick(event: MouseEvent<SVGSVGElement>) {
    const seat = seatOf(event.target);
    if (seat) choose(seat);
  }

  const numbers = cell >= NUMBERS_FROM_PX;
  return (
    <svg
      ref={svg}
      width={Math.floor(box.width * cell)}
      height={Math.floor(box.height * cell)}
      viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
      role={interactive ? "group" : "img"}
      aria-label={label}
      aria-describedby={describedBy}
      className="mx-auto block select-none"
      onKeyDown={interactive ? onKeyDown : undefined}
      onClick={interactive ? onClick : undefined}
    >
      <g aria-hidden="true">
        <rect x={0} y={-2.9} width={Math.max(width, 1)} height={0.9} rx={0.2} fill={SEAT_COLORS.stage} />
        <text x={Math.max(width, 1) / 2} y={-2.42} fontSize={0.55} textAnchor="middle" dominantBaseline="middle" fill={SEAT_COLORS.label}>
          {t("seating.map.stage")}
        </text>
        {titles.map((title) => (
          <text key={title.key} x={title.x + 0.5} y={title.y + 0.55} fontSize={0.6} fontWeight={600} textAnchor="middle" dominantBaseline="middle" fill={SEAT_COLORS.label}>
            {title.text}
          </text>
        ))}
        {labels.map((row) => (
          <text key={row.key} x={row.x + 0.6} y={row.y + 0.55} fontSize={0.5} textAnchor="middle" dominantBaseline="middle" fill={SEAT_COLORS.label}>
            {row.text}
          </text>
        ))}
      </g>
      {described.map(([seat, d]) => (
        <SeatMark
          key={seat.code}
          code={seat.code}
          x={seat.x}
          y={seat.y}
          accessible={seat.accessible}
          number={numbers ? seat.number : null}
          fill={d.fill}
          stroke={d.stroke}
          mark={d.mark}
          markColor={d.markColor}
          label={interactive ? d.label : null}
          pressed={d.pressed}
          disabled={!d.selectable}
          tabbable={seat.code === tabStop}
        />
      ))}
    </svg>
  );
}
