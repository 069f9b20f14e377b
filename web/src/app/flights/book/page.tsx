import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { FlightBookingForm, type BookLeg } from "@/components/flights/book/FlightBookingForm";
import { FlightTimes } from "@/components/flights/FlightTimes";
import { cabinLabel } from "@/components/flights/labels";
import { serverApi } from "@/lib/api/server";
import { parseBooking, type SearchParams } from "@/lib/flights/search-params";
import { formatMoney } from "@/lib/money";
import { currentUser } from "@/lib/session";
import { localDateIn } from "@/lib/time-zone";

function queryString(raw: SearchParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params.toString();
}

export default async function FlightBookPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/flights/book?${queryString(raw)}`)}`);
  const t = await getTranslations();
  const lang = await getLocale();
  const selection = parseBooking(raw);

  const problem = (message: string, back = "/flights") => (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("flights.book.title")}</h1>
      <p role="alert" data-testid="booking-error" className="rounded bg-red-50 p-4 text-red-800">
        {message}
      </p>
      <Link href={back} className="underline">
        {t("flights.book.back")}
      </Link>
    </section>
  );
  if (!selection) return problem(t("flights.book.invalid"));

  const api = await serverApi();
  const departures = await Promise.all(
    selection.legs.map((leg) =>
      api.GET("/api/v1/flights/departures/{departure_id}", { params: { path: { departure_id: leg.departureId } } }).then((r) => r.data ?? null),
    ),
  );
  const legs: (BookLeg & { departure: NonNullable<(typeof departures)[number]> })[] = [];
  for (const [index, departure] of departures.entries()) {
    const picked = selection.legs[index]!;
    const fare = departure?.fares.find((f) => f.id === picked.fareId && f.is_active && f.cabin === selection.cabin);
    if (!departure || !fare || !departure.on_sale) return problem(t("flights.book.unavailable"), selection.back);
    legs.push({
      leg: index + 1,
      departureId: departure.id,
      fareId: fare.id,
      fareName: fare.name,
      price: fare.price,
      currency: fare.currency,
      flightNumber: departure.flight_number,
      origin: departure.origin.iata,
      destination: departure.destination.iata,
      departure,
    });
  }
  const first = legs[0]!.departure;
  const last = legs[legs.length - 1]!.departure;
  const dates = {
    firstDepartureDate: localDateIn(first.departs_at, first.departure_timezone) ?? first.departs_at.slice(0, 10),
    lastArrivalDate: localDateIn(last.arrives_at, last.arrival_timezone) ?? last.arrives_at.slice(0, 10),
  };

  return (
    <section className="space-y-6">
      <p>
        <Link href={selection.back} className="text-sm underline">
          ← {t("flights.book.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("flights.book.title")}</h1>
      <ul className="space-y-3">
        {legs.map(({ leg, departure, fareName, price, currency }) => (
          <li key={leg} data-testid="book-leg" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">
              {t("flights.book.legHeading", {
                leg: String(leg),
                flight: departure.flight_number,
                origin: departure.origin.city,
                destination: departure.destination.city,
              })}
            </h2>
            <FlightTimes
              origin={departure.origin.iata}
              destination={departure.destination.iata}
              departsAt={departure.departs_at}
              arrivesAt={departure.arrives_at}
              departureZone={departure.departure_timezone}
              arrivalZone={departure.arrival_timezone}
              durationMinutes={departure.duration_minutes}
              showDate
            />
            <p className="text-sm text-slate-600">
              {departure.carrier.name} · {cabinLabel(t, selection.cabin)} · {fareName} ·{" "}
              {t("flights.results.perPassenger", { price: formatMoney(price, currency, lang) })}
            </p>
          </li>
        ))}
      </ul>
      <FlightBookingForm
        legs={legs.map(({ departure: _departure, ...leg }) => leg)}
        passengers={selection.passengers}
        cabin={selection.cabin}
        dates={dates}
      />
    </section>
  );
}
