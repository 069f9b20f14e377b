"use client";

import { useTranslations } from "next-intl";

import { QrCode } from "@/components/QrCode";

import type { FlightOrder } from "./types";

/** Once confirmed: one boarding QR code per passenger per leg, with the code printed under it. */
export function BoardingPasses({ order }: { order: FlightOrder }) {
  const t = useTranslations();
  const flights = new Map(order.legs.map((leg) => [leg.leg, leg]));
  const passes = order.passengers.flatMap((passenger) =>
    passenger.seats
      .filter((seat) => flights.get(seat.leg)?.status !== "cancelled")
      .map((seat) => ({ passenger, seat, leg: flights.get(seat.leg) })),
  );
  passes.sort((a, b) => a.seat.leg - b.seat.leg || a.passenger.position - b.passenger.position);
  return (
    <section aria-labelledby="boarding-heading" className="space-y-3">
      <h2 id="boarding-heading" className="text-xl font-semibold">
        {t("flights.order.boarding")}
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {passes.map(({ passenger, seat, leg }) => (
          <li
            key={`${passenger.id}-${seat.leg}`}
            data-testid="boarding-pass"
            className="flex flex-col items-center gap-2 rounded-lg border border-slate-200 bg-white p-4 text-center"
          >
            <p className="font-medium">
              {t("flights.order.boardingFor", {
                name: `${passenger.family_name}/${passenger.given_name}`,
                leg: String(seat.leg),
                flight: leg?.flight_number ?? "",
                seat: seat.seat,
              })}
            </p>
            <QrCode code={seat.ticket_code} alt={t("flights.order.qrAlt", { code: seat.ticket_code })} />
            <p className="text-sm">
              {t("flights.order.boardingCode")}:{" "}
              <span data-testid="boarding-code" className="font-mono font-semibold">
                {seat.ticket_code}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
