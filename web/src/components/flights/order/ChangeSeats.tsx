"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { buttonClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import { seatChangeLegs, seatChangesFor } from "@/lib/flights/changes";
import { markedSeats, readOrderError, type OrderError } from "@/lib/flights/order-errors";

import { orderErrorText } from "../book/order-error-text";
import { SeatMapPicker } from "../book/SeatMapPicker";
import { useSeatMaps } from "../book/useSeatMaps";
import type { FlightOrder, OrderLeg } from "./types";
import { useOrderAction } from "./useOrderAction";

/** Per leg still more than an hour away: the seat map with the party's seats, to move them (PUT …/seats). */
export function ChangeSeats({ order }: { order: FlightOrder }) {
  const t = useTranslations();
  const [now] = useState(() => Date.now());
  const legs = seatChangeLegs(order, now);
  if (legs.length === 0) return null;
  return (
    <section aria-labelledby="change-seats-heading" className="space-y-3" data-testid="change-seats">
      <h2 id="change-seats-heading" className="text-xl font-semibold">
        {t("trip.seats.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("trip.seats.intro")}</p>
      {legs.map((leg) => (
        <LegSeats key={leg.leg} order={order} leg={leg} />
      ))}
    </section>
  );
}

function LegSeats({ order, leg }: { order: FlightOrder; leg: OrderLeg }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {!open && (
        <button
          type="button"
          data-testid={`change-seats-${leg.leg}`}
          className={secondaryButtonClass}
          onClick={() => {
            setNotice(null);
            setOpen(true);
          }}
        >
          {t("trip.seats.open", { leg: String(leg.leg) })}
        </button>
      )}
      <p role="status" data-testid={`seats-saved-${leg.leg}`} className="text-sm text-green-800 empty:hidden">
        {notice}
      </p>
      {open && (
        <LegSeatEditor
          order={order}
          leg={leg}
          onClose={(saved) => {
            setOpen(false);
            setNotice(saved ? t("trip.seats.saved") : null);
          }}
        />
      )}
    </div>
  );
}

function LegSeatEditor({ order, leg, onClose }: { order: FlightOrder; leg: OrderLeg; onClose: (saved: boolean) => void }) {
  const t = useTranslations();
  const action = useOrderAction();
  const { states, reload } = useSeatMaps([leg.departure_id]);
  const passengers = [...order.passengers].sort((a, b) => a.position - b.position);
  const current = passengers.map((p) => p.seats.find((s) => s.leg === leg.leg)?.seat ?? null);
  const [choices, setChoices] = useState<(string | null)[]>(current);
  const [error, setError] = useState<OrderError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function save() {
    const changes = seatChangesFor(
      leg.leg,
      passengers.map((p) => p.id),
      current,
      choices,
    );
    setError(null);
    if (changes.length === 0) {
      setMessage(t("trip.seats.nothing"));
      return;
    }
    setMessage(null);
    const result = await action.run("seats", () =>
      api.PUT("/api/v1/flights/orders/{order_id}/seats", { params: { path: { order_id: order.id } }, body: { changes } }),
    );
    if (result.ok) {
      onClose(true);
      return;
    }
    const refused = readOrderError(result.error);
    setError(refused);
    setMessage(refused.code === "not_changeable" ? t("trip.seats.error.not_changeable") : orderErrorText(t, refused));
    if (refused.code === "seat_unavailable") void reload(0);
  }

  return (
    <div className="space-y-3">
      <SeatMapPicker
        leg={leg.leg}
        title={t("trip.seats.legTitle", { leg: String(leg.leg), flight: leg.flight_number })}
        orderCabin={order.cabin}
        state={states[0] ?? { map: null, loading: true, failed: false }}
        passengers={passengers.map((p) => ({ name: `${p.family_name}/${p.given_name}`, type: p.type === "child" ? "child" : "adult" }))}
        choices={choices}
        onChange={setChoices}
        conflicts={markedSeats(error, leg.leg)}
        message={message}
        onReload={() => void reload(0)}
        noChoiceLabel={t("trip.seats.keepSeat")}
      />
      <div className="flex flex-wrap gap-2">
        <button type="button" data-testid={`save-seats-${leg.leg}`} className={buttonClass} disabled={action.pending} onClick={() => void save()}>
          {action.busy === "seats" ? t("trip.seats.saving") : t("trip.seats.save")}
        </button>
        <button type="button" className={secondaryButtonClass} disabled={action.pending} onClick={() => onClose(false)}>
          {t("trip.seats.close")}
        </button>
      </div>
    </div>
  );
}
