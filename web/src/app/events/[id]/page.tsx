import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { BookingForm } from "@/components/visitor/BookingForm";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";
import { formatDateTime } from "@/lib/time-zone";

function StarRow({ rating }: { rating: number }) {
  const t = useTranslations();
  const rounded = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <span role="img" aria-label={t("event.stars", { rating: rating.toFixed(1) })} className="text-amber-500">
      <span aria-hidden="true">
        {"★".repeat(rounded)}
        <span className="text-slate-300">{"★".repeat(5 - rounded)}</span>
      </span>
    </span>
  );
}

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const lang = await getLocale();
  const t = await getTranslations();
  const api = await serverApi();

  const { data: event, response } = await api.GET("/api/v1/events/{event_id}", {
    params: { path: { event_id: id } },
  });
  if (!event) {
    if (response.status === 404 || response.status === 400 || response.status === 422) notFound();
    throw new Error(`Could not load the event (${response.status})`);
  }
  const [{ data: reviews }, user] = await Promise.all([
    api.GET("/api/v1/events/{event_id}/reviews", {
      params: { path: { event_id: id }, query: { limit: 20 } },
    }),
    currentUser(),
  ]);

  const timezone = event.venue?.timezone ?? "UTC";
  const reviewItems = reviews?.items ?? [];

  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm uppercase tracking-wide text-slate-500">{event.category}</p>
        <h1 className="text-3xl font-bold">{event.title}</h1>
        {event.rating_count > 0 && (
          <p className="flex items-center gap-2 text-sm">
            <StarRow rating={event.rating_average} />
            <span>{t("event.ratingSummary", { average: event.rating_average.toFixed(1), count: String(event.rating_count) })}</span>
          </p>
        )}
        {event.status === "cancelled" && (
          <p role="status" className="rounded bg-red-50 p-3 text-red-800">
            {t("event.cancelled")}
          </p>
        )}
      </header>

      {event.image_url && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={event.image_url} alt="" className="max-h-80 w-full rounded-lg object-cover" />
      )}

      {/* A seat map needs the page's width: seated listings book below the description. */}
      <div className={event.sessions.some((s) => s.seat_map_id) ? "grid gap-8" : "grid gap-8 lg:grid-cols-[1fr_22rem]"}>
        <div className="space-y-6">
          <section aria-labelledby="about-heading">
            <h2 id="about-heading" className="mb-2 text-xl font-semibold">
              {t("event.about")}
            </h2>
            <div data-testid="event-description" className="whitespace-pre-line leading-relaxed">
              {event.description}
            </div>
          </section>

          {event.venue && (
            <section aria-labelledby="venue-heading" data-testid="venue">
              <h2 id="venue-heading" className="mb-2 text-xl font-semibold">
                {t("event.venue")}
              </h2>
              <p className="font-medium">{event.venue.name}</p>
              <p className="text-slate-600">
                {[event.venue.address, event.venue.city, event.venue.country].filter(Boolean).join(", ")}
              </p>
            </section>
          )}
        </div>

        <section aria-labelledby="book-heading" className="h-fit min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="book-heading" className="sr-only">
            {t("event.book")}
          </h2>
          {event.managed_by === "flights" ? (
            // A flight is booked with its passengers and seats on the flights pages, never as plain tickets.
            <div data-testid="flight-listing" className="space-y-3">
              <p>{t("event.flightListing")}</p>
              <Link href="/flights" className="inline-block rounded bg-slate-900 px-4 py-2 text-white">
                {t("event.findFlight")}
              </Link>
            </div>
          ) : (
            <BookingForm
              eventId={event.id}
              sessions={event.sessions}
              ticketTypes={event.ticket_types.filter((tt) => tt.is_active)}
              timezone={timezone}
              signedIn={user !== null}
              bookable={event.status !== "cancelled"}
              approvalRequired={event.approval_required}
              approvalHoldMinutes={event.approval_hold_minutes}
            />
          )}
        </section>
      </div>

      <section aria-labelledby="reviews-heading" data-testid="reviews" className="space-y-4">
        <h2 id="reviews-heading" className="text-xl font-semibold">
          {t("event.reviews")}
        </h2>
        {event.rating_count > 0 && (
          <p data-testid="rating-average" className="flex items-center gap-2">
            <StarRow rating={event.rating_average} />
            <span>{t("event.ratingSummary", { average: event.rating_average.toFixed(1), count: String(event.rating_count) })}</span>
          </p>
        )}
        {reviewItems.length === 0 ? (
          <p className="text-slate-600">{t("event.noReviews")}</p>
        ) : (
          <ul className="space-y-3">
            {reviewItems.map((review) => (
              <li key={review.id} data-testid="review" className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{review.author_name}</span>
                  <StarRow rating={review.rating} />
                </div>
                <p className="mt-2 whitespace-pre-line">{review.comment}</p>
                <p className="mt-1 text-xs text-slate-500">
                  <time dateTime={review.created_at}>{formatDateTime(review.created_at, timezone, lang)}</time>
                </p>
                {review.reply && (
                  <div className="mt-3 border-l-4 border-blue-200 pl-3 text-sm">
                    <p className="font-medium">{t("event.reply")}</p>
                    <p className="whitespace-pre-line">{review.reply}</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
