"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";

import { SeatLegend, type LegendItem } from "@/components/seating/SeatLegend";
import { SeatMapView } from "@/components/seating/SeatMapView";
import { seatCodeName, seatName, zoneName } from "@/components/seating/seat-names";
import { zoneColors } from "@/lib/seating/colors";
import { deskActions, deskStatuses, toggleCode, type DeskStatus, type SeatHolder } from "@/lib/seating/desk";
import { CHOSEN_LOOK, deskLook } from "@/lib/seating/looks";
import { planSeats, type PlanSeat } from "@/lib/seating/plan";

import { buttonClass, secondaryButtonClass } from "../form-controls";
import { HoldersTable } from "./HoldersTable";
import { useSeatDesk, type SessionSeating, type SessionSeatMap } from "./useSeatDesk";

const STATUSES: DeskStatus[] = ["free", "held", "sold", "blocked", "closed"];

/**
 * The organizer's seat desk for a seated session: the map coloured by who holds each seat, the holders, and
 * the changes: select free seats to Block them, blocked ones to Release them, or pick a ticket in the table
 * and a free seat of its zone to Move it there.
 */
export function SeatDesk({ sessionId, initialMap, initialSeating }: { sessionId: string; initialMap: SessionSeatMap; initialSeating: SessionSeating | null }) {
  const t = useTranslations();
  const id = useId();
  const desk = useSeatDesk(sessionId, initialMap, initialSeating);
  const { map, seating } = desk;
  const [selected, setSelected] = useState<string[]>([]);
  const [moving, setMoving] = useState<SeatHolder | null>(null);

  const sections = desk.plan?.sections;
  const seats = useMemo(() => planSeats(sections ?? []), [sections]);
  const byCode = useMemo(() => new Map(seats.map((seat) => [seat.code, seat])), [seats]);
  const colors = useMemo(() => zoneColors(map.zones.map((z) => z.zone)), [map]);
  const statuses = useMemo(() => deskStatuses(map.unavailable, seating?.holders ?? []), [map, seating]);
  const holders = useMemo(() => new Map((seating?.holders ?? []).map((h) => [h.seat, h])), [seating]);
  const status = (code: string): DeskStatus => statuses.get(code) ?? "free";
  const nameOf = (code: string) => {
    const seat = byCode.get(code);
    return seat ? seatName(t, seat) : seatCodeName(t, code);
  };
  const actions = deskActions(selected, statuses, moving, (code) => byCode.get(code)?.zone);
  const busy = desk.busy !== null;

  const describe = (seat: PlanSeat) => {
    const state = status(seat.code);
    const isSelected = selected.includes(seat.code);
    const holder = holders.get(seat.code);
    const parts = [seatName(t, seat), zoneName(seat.zone), t(`seatMaps.desk.state.${state}`)];
    if (seat.accessible) parts.push(t("seating.map.wheelchair"));
    if (holder?.booking_reference) parts.push(t("seatMaps.desk.booking", { reference: holder.booking_reference }));
    return { ...deskLook(state, isSelected, colors.get(seat.zone)), label: parts.join(", "), pressed: isSelected, selectable: state === "free" || state === "blocked" };
  };

  async function run(kind: "block" | "release" | "move") {
    const done =
      kind === "block"
        ? await desk.block(selected)
        : kind === "release"
          ? await desk.release(selected)
          : moving?.ticket_id && selected[0]
            ? await desk.move(moving.ticket_id, moving.seat, selected[0])
            : false;
    if (done) {
      setSelected([]);
      setMoving(null);
    }
  }

  const legend: LegendItem[] = STATUSES.map((state) => ({
    key: state,
    text: t(`seatMaps.desk.state.${state}`),
    look: deskLook(state, false, "#2563eb"),
  }));
  legend.push({ key: "selected", text: t("seatMaps.desk.selectedLegend"), look: CHOSEN_LOOK });

  return (
    <section aria-labelledby={`${id}-h`} className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="seat-desk">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t("seatMaps.desk.title", { name: map.name })}
      </h2>
      {seating && (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="seat-desk-counts">
          {(["capacity", "held", "sold", "blocked"] as const).map((key) => (
            <div key={key} className="rounded border border-slate-200 bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-600">{t(`seatMaps.desk.count.${key}`)}</dt>
              <dd className="text-lg font-semibold" data-testid={`seat-count-${key}`}>
                {seating[key]}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {desk.loadFailed && (
        <p role="alert" className="text-sm text-red-700">
          {t("seatMaps.desk.loadError")}
        </p>
      )}
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="desk-selection">
        {moving
          ? t("seatMaps.desk.movingHint", { seat: nameOf(moving.seat) })
          : selected.length > 0
            ? t("seatMaps.desk.selected", { seats: selected.map(nameOf).join("; ") })
            : t("seatMaps.desk.hint")}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} disabled={busy || !actions.block} onClick={() => void run("block")} data-testid="block-seats">
          {desk.busy === "block" ? t("seatMaps.desk.blocking") : t("seatMaps.desk.block")}
        </button>
        <button type="button" className={secondaryButtonClass} disabled={busy || !actions.release} onClick={() => void run("release")} data-testid="release-seats">
          {desk.busy === "release" ? t("seatMaps.desk.releasing") : t("seatMaps.desk.release")}
        </button>
        {moving && (
          <button type="button" className={buttonClass} disabled={busy || !actions.move} onClick={() => void run("move")} data-testid="move-seat">
            {desk.busy === "move" ? t("seatMaps.desk.moving") : t("seatMaps.desk.moveHere")}
          </button>
        )}
        {(selected.length > 0 || moving) && (
          <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => {
              setSelected([]);
              setMoving(null);
            }}>
            {t("seatMaps.desk.clear")}
          </button>
        )}
      </div>
      {desk.message && (
        <p
          role={desk.message.kind === "error" ? "alert" : "status"}
          data-testid="desk-message"
          className={desk.message.kind === "error" ? "rounded border border-red-200 bg-red-50 p-3 text-red-800" : "rounded border border-green-200 bg-green-50 p-3 text-green-900"}
        >
          {desk.message.text}
        </p>
      )}
      {!sections && (
        <p role={desk.planFailed ? "alert" : "status"} className="text-sm text-gray-700">
          {t(desk.planFailed ? "seating.picker.loadError" : "seating.picker.loading")}
        </p>
      )}
      {sections && (
        <SeatMapView
          testId="desk-map"
          sections={sections}
          seats={seats}
          width={map.width}
          height={map.height}
          describe={describe}
          onToggle={(seat) => setSelected((current) => (moving ? (current[0] === seat.code ? [] : [seat.code]) : toggleCode(current, seat.code)))}
          label={t("seating.map.title", { name: map.name })}
          hint={t("seating.map.keyboardHint")}
        />
      )}
      <SeatLegend items={legend} />
      <h3 className="font-semibold">{t("seatMaps.desk.holders")}</h3>
      {seating && (
        <HoldersTable
          holders={seating.holders}
          seatName={nameOf}
          moving={moving?.ticket_id ?? null}
          disabled={busy}
          onMove={(holder) => {
            setMoving(holder);
            setSelected([]);
          }}
        />
      )}
    </section>
  );
}
