import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { RequestsSection } from "@/components/organizer/approvals/RequestsSection";
import { CheckIn } from "@/components/organizer/CheckIn";
import { SeatDesk } from "@/components/organizer/seat-desk/SeatDesk";
import { WaitlistSection } from "@/components/organizer/waitlist/WaitlistSection";
import { valueMessage } from "@/i18n/translate";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";
import { formatDateTime } from "@/lib/time-zone";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const BOOKING_STYLES: Record<string, string> = {
  confirmed: "bg-green-100 text-green-900",
  pending_payment: "bg-amber-100 text-amber-900",
  cancelled: "bg-slate-200 text-slate-700",
  expired: "bg-slate-200 text-slate-700",
};

export default async function SessionBookingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const raw = (await searchParams).event;
  const eventId = typeof raw === "string" ? raw : undefined;
  const user = await currentUser();
  if (!user) {
    const here = `/organizer/sessions/${id}${eventId ? `?event=${encodeURIComponent(eventId)}` : ""}`;
    redirect(`/login?next=${encodeURIComponent(here)}`);
  }
  const lang = await getLocale();
  const t = await getTranslations();

  if (user.role !== "organizer" && user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("org.forbidden.body")}</p>
      </section>
    );
  }
  if (!UUID.test(id)) notFound();

  const api = await serverApi();
  const path = { params: { path: { session_id: id } } };
  const [bookings, availability] = await Promise.all([
    api
      .GET("/api/v1/sessions/{session_id}/bookings", {
        params: { path: { session_id: id }, query: { limit: 100, offset: 0 } },
      })
      .catch(() => null),
    api
      .GET("/api/v1/sessions/{session_id}/availability", path)
      .then((r) => r.data ?? null)
      .catch(() => null),
  ]);
  // A session selling a seat map's seats gets the seat desk. The availability says which; a draft has none
  // to read, so its seat desk is asked for directly (any other session answers 404 there).
  const seated = availability === null || Boolean(availability.seat_map_id);
  const [seatMap, seating] = seated
    ? await Promise.all([
        api
          .GET("/api/v1/sessions/{session_id}/seat-map", path)
          .then((r) => r.data ?? null)
          .catch(() => null),
        api
          .GET("/api/v1/sessions/{session_id}/seats", path)
          .then((r) => r.data ?? null)
          .catch(() => null),
      ])
    : [null, null];
  if (bookings && !bookings.data) {
    if (bookings.response.status === 404) notFound();
    if (bookings.response.status === 403) {
      return (
        <section className="py-12 text-center">
          <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
          <p className="mt-2 text-slate-700">{t("org.error.forbidden")}</p>
        </section>
      );
    }
  }
  const page = bookings?.data ?? null;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/organizer" className="text-sm text-blue-800 underline">
          {t("org.session.back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("org.session.title")}</h1>
        {availability && (
          <p data-testid="session-seats" className="text-sm text-slate-700">
            {t("org.session.seats", {
              capacity: String(availability.capacity),
              sold: String(availability.sold),
              held: String(availability.held),
              available: String(availability.available),
            })}
          </p>
        )}
      </div>

      <CheckIn sessionId={id} />

      {seatMap && <SeatDesk sessionId={id} initialMap={seatMap} initialSeating={seating} />}

      <RequestsSection sessionId={id} />

      <WaitlistSection sessionId={id} />

      <section aria-labelledby="bookings-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="bookings-heading" className="text-lg font-semibold">
          {t("org.session.bookings")}
        </h2>
        {page === null ? (
          <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
            {t("org.loadFailed")}
          </p>
        ) : page.items.length === 0 ? (
          <p className="text-slate-700">{t("org.session.empty")}</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">{t("org.session.total", { count: String(page.total) })}</p>
            <div className="-mx-4 overflow-x-auto px-4">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("org.session.reference")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("org.session.status")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("org.session.quantity")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("org.session.bookedBy")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("org.session.attendees")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("org.session.checkedIn")}</th>
                    <th scope="col" className="py-2 font-medium">{t("org.session.created")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {page.items.map((booking) => (
                    <tr key={booking.id} data-testid="booking-row">
                      <td className="py-2 pr-3 font-mono">{booking.reference}</td>
                      <td className="py-2 pr-3">
                        <span
                          data-status={booking.status}
                          className={`rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${BOOKING_STYLES[booking.status] ?? "bg-slate-100"}`}
                        >
                          {valueMessage(t, "org.booking", booking.status)}
                        </span>
                      </td>
                      <td className="py-2 pr-3">{booking.quantity}</td>
                      <td className="py-2 pr-3 break-words">{booking.booked_by}</td>
                      <td className="py-2 pr-3 break-words">{booking.attendee_names.join(", ") || "—"}</td>
                      <td className="py-2 pr-3" data-testid="booking-checked-in">
                        {booking.checked_in} / {booking.quantity}
                      </td>
                      <td className="py-2 whitespace-nowrap">
                        <time dateTime={booking.created_at}>{formatDateTime(booking.created_at, "UTC", lang)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
