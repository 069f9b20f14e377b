// Passengers as the API returns them: names, masked passport, a seat per leg.
import { useTranslations } from "next-intl";

import type { FlightOrder } from "./types";

export function PassengerList({ order }: { order: FlightOrder }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="passengers-heading" className="space-y-3">
      <h2 id="passengers-heading" className="text-xl font-semibold">
        {t("flights.order.passengers")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        {[...order.passengers]
          .sort((a, b) => a.position - b.position)
          .map((passenger) => (
            <li key={passenger.id} data-testid="order-passenger" className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-semibold">
                {passenger.position}. {passenger.family_name}/{passenger.given_name}{" "}
                <span className="text-sm font-normal text-slate-600">
                  · {passenger.type === "child" ? t("flights.book.child") : t("flights.book.adult")} · {passenger.nationality}
                </span>
              </p>
              <p className="text-sm" data-testid="masked-document">
                {t("flights.order.document", { number: passenger.document.number_masked })}
                {passenger.document.series_masked ? `, ${t("flights.order.series", { series: passenger.document.series_masked })}` : ""}
              </p>
              <ul className="text-sm">
                {[...passenger.seats]
                  .sort((a, b) => a.leg - b.leg)
                  .map((seat) => (
                    <li key={seat.leg} data-testid="passenger-seat" data-leg={seat.leg}>
                      {t("flights.order.seatOn", { leg: String(seat.leg), seat: seat.seat })}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
      </ul>
    </section>
  );
}
