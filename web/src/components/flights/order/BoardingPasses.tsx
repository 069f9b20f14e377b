"use client";

import { useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

import type { FlightOrder } from "./types";

function BoardingQr({ code }: { code: string }) {
  const t = useTranslations();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    QRCode.toDataURL(code, { margin: 1, width: 192 })
      .then((url) => {
        if (active) setSrc(url);
      })
      .catch(() => {
        if (active) setSrc(null);
      });
    return () => {
      active = false;
    };
  }, [code]);
  if (!src) return <div className="h-40 w-40 animate-pulse rounded bg-slate-100" aria-hidden="true" />;
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt={t("flights.order.qrAlt", { code })} width={160} height={160} className="h-40 w-40" />;
}

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
            <BoardingQr code={seat.ticket_code} />
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
