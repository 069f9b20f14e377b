import { memo } from "react";

import type { SeatLook } from "@/lib/seating/looks";

export type { SeatLook };

export type SeatMarkProps = SeatLook & {
  code: string;
  x: number;
  y: number;
  /** Wheelchair places are squares; every other seat is round. */
  accessible: boolean;
  /** Drawn inside the seat when the map is large enough to read it. */
  number: number | null;
  /** The seat's spoken name; null: a picture only (the editor's preview, the legend), not a control. */
  label: string | null;
  pressed?: boolean;
  disabled?: boolean;
  /** The one seat of the map in the tab order. */
  tabbable?: boolean;
};

/**
 * One seat, one place of the grid wide: a control (role button, pressed when chosen) on the interactive maps,
 * a shape otherwise. The focus ring is drawn by CSS when the seat has the keyboard focus.
 */
// Every prop is a plain value, so a map of thousands of seats redraws only the seats that changed.
export const SeatMark = memo(function SeatMark({
  code,
  x,
  y,
  accessible,
  number,
  label,
  pressed = false,
  disabled = false,
  tabbable = false,
  fill,
  stroke,
  mark,
  markColor,
}: SeatMarkProps) {
  const shape = accessible ? (
    <rect x={0.12} y={0.12} width={0.76} height={0.76} rx={0.12} fill={fill} stroke={stroke} strokeWidth={0.08} />
  ) : (
    <circle cx={0.5} cy={0.5} r={0.38} fill={fill} stroke={stroke} strokeWidth={0.08} />
  );
  const drawn = (
    <>
      {shape}
      {mark === "cross" && <path d="M0.32 0.32 L0.68 0.68 M0.68 0.32 L0.32 0.68" stroke={markColor} strokeWidth={0.09} strokeLinecap="round" />}
      {mark === "check" && <path d="M0.3 0.52 L0.45 0.66 L0.71 0.37" fill="none" stroke={markColor} strokeWidth={0.1} strokeLinecap="round" strokeLinejoin="round" />}
      {mark === "none" && number !== null && (
        <text x={0.5} y={0.53} fontSize={0.34} textAnchor="middle" dominantBaseline="middle" fill={markColor} aria-hidden="true">
          {number}
        </text>
      )}
    </>
  );
  if (label === null) {
    return (
      <g transform={`translate(${x} ${y})`} data-seat={code}>
        {drawn}
      </g>
    );
  }
  return (
    <g
      transform={`translate(${x} ${y})`}
      data-seat={code}
      role="button"
      tabIndex={tabbable ? 0 : -1}
      aria-label={label}
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      className={`group outline-none ${disabled ? "cursor-not-allowed" : "cursor-pointer"}`}
    >
      <title>{label}</title>
      {drawn}
      <rect
        x={0.02}
        y={0.02}
        width={0.96}
        height={0.96}
        rx={0.2}
        fill="none"
        strokeWidth={0.1}
        className="stroke-transparent group-focus-visible:stroke-slate-900"
      />
    </g>
  );
});
