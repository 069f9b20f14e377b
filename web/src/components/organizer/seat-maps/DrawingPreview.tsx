"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo } from "react";

import { SeatLegend, type LegendItem } from "@/components/seating/SeatLegend";
import { SeatMapView } from "@/components/seating/SeatMapView";
import { seatName, zoneName } from "@/components/seating/seat-names";
import { zoneColors } from "@/lib/seating/colors";
import { BLOCKED_LOOK, freeLook, previewLook } from "@/lib/seating/looks";
import { planSeats, type PlanSeat } from "@/lib/seating/plan";

import type { PreviewState } from "./useDrawingPreview";

/**
 * The seats the drawing generates, as the server generates them: each zone in its colour, wheelchair places
 * square, blocked seats crossed out; the seats for sale per zone; and the problems that keep the drawing
 * from being saved (the fields' own, then the server's).
 */
export function DrawingPreview({ state, formProblems }: { state: PreviewState; formProblems: string[] }) {
  const t = useTranslations();
  const id = useId();
  const { preview } = state;
  const seats = useMemo(() => (preview ? planSeats(preview.sections) : []), [preview]);
  const blocked = useMemo(() => new Set(preview?.blocked ?? []), [preview]);
  const colors = useMemo(() => zoneColors(seats.map((s) => s.zone)), [seats]);
  const problems = [...formProblems, ...state.problems];

  const describe = (seat: PlanSeat) => {
    const parts = [seatName(t, seat), zoneName(seat.zone)];
    if (seat.accessible) parts.push(t("seating.map.wheelchair"));
    if (blocked.has(seat.code)) parts.push(t("seatMaps.preview.blockedSeat"));
    return { ...previewLook(blocked.has(seat.code), colors.get(seat.zone)), label: parts.join(", "), pressed: false, selectable: false };
  };

  const legend: LegendItem[] = [
    ...[...colors].map(([zone, color]) => ({ key: `zone-${zone}`, text: zoneName(zone), look: freeLook(color) })),
    { key: "wheelchair", text: t("seating.legend.wheelchair"), look: freeLook(undefined), accessible: true },
    { key: "blocked", text: t("seatMaps.preview.blockedLegend"), look: BLOCKED_LOOK },
  ];

  return (
    <section aria-labelledby={`${id}-h`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="seat-map-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {t("seatMaps.preview.title")}
        </h2>
        <span role="status" className="text-sm text-slate-600" data-testid="preview-state">
          {state.pending ? t("seatMaps.preview.updating") : state.failed ? t("seatMaps.preview.failed") : ""}
        </span>
      </div>
      {problems.length > 0 && (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="preview-problems">
          <h3 className="font-semibold">{t("seatMaps.preview.problems")}</h3>
          <ul className="list-disc pl-5">
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
          {preview && <p className="mt-1">{t("seatMaps.preview.stale")}</p>}
        </div>
      )}
      {preview ? (
        <>
          <p className="font-medium" data-testid="preview-count" data-count={preview.seat_count}>
            {t("seatMaps.preview.seats", { count: String(preview.seat_count) })}
          </p>
          <ul className="text-sm text-slate-700">
            {preview.zones.map((zone) => (
              <li key={zone.zone} data-testid="preview-zone" data-zone={zone.zone} data-count={zone.seats}>
                {t("seatMaps.preview.zone", { zone: zoneName(zone.zone), count: String(zone.seats) })}
              </li>
            ))}
            {preview.blocked.length > 0 && <li>{t("seatMaps.preview.blocked", { count: String(preview.blocked.length) })}</li>}
          </ul>
          <SeatLegend items={legend} />
          <SeatMapView
            sections={preview.sections}
            seats={seats}
            width={preview.width}
            height={preview.height}
            describe={describe}
            label={t("seatMaps.preview.mapLabel", { count: String(preview.seat_count) })}
          />
        </>
      ) : (
        !state.pending && problems.length === 0 && <p className="text-sm text-slate-600">{t("seatMaps.preview.empty")}</p>
      )}
    </section>
  );
}
