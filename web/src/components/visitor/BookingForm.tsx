"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { errorMessage } from "@/i18n/translate";
import { asksForRequest, freelySold } from "@/lib/approvals/ask";
import { api, errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time-zone";
import { sessionOptions, waitlistOffer, zoneOptions } from "@/lib/waitlist/join";

import { seatedBookingBody, seatedRefusalText } from "./seating/seated-request";
import { SeatedTickets } from "./seating/SeatedTickets";
import { useSeatedBooking } from "./seating/useSeatedBooking";
import { ApprovalRequestFields } from "./approvals/ApprovalRequestFields";
import { useApprovalRequest } from "./approvals/useApprovalRequest";
import { useLiveAvailability } from "./useLiveAvailability";
import { WaitlistJoinPanel } from "./waitlist/WaitlistJoinPanel";

type Session = components["schemas"]["SessionRead"];
type TicketType = components["schemas"]["TicketTypeRead"];

/** A random UUID; crypto.randomUUID only exists in secure contexts, so fall back to getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function BookingForm({
  eventId,
  sessions,
  ticketTypes,
  timezone,
  signedIn,
  bookable,
  approvalRequired = false,
  approvalHoldMinutes = 0,
}: {
  eventId: string;
  sessions: Session[];
  ticketTypes: TicketType[];
  timezone: string;
  signedIn: boolean;
  bookable: boolean;
  /** Every ticket is sold on the organizer's approval (some ticket types may be, too). */
  approvalRequired?: boolean;
  /** How long a request holds its seats; 0 holds nothing until approved. */
  approvalHoldMinutes?: number;
}) {
  const router = useRouter();
  const t = useTranslations();
  const lang = useLocale();
  const openSessions = sessions.filter((s) => s.status !== "cancelled");
  const [sessionId, setSessionId] = useState<string>(
    openSessions.find((s) => s.available > 0)?.id ?? openSessions[0]?.id ?? "",
  );
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A session with a seat map sells its seats one by one: chosen on the map, or the best available.
  const seatedId = sessions.find((s) => s.id === sessionId)?.seat_map_id ? sessionId : null;
  const seating = useSeatedBooking(seatedId, ticketTypes);

  // Live availability, refreshed every 15 s while the page is open.
  const { live, refresh } = useLiveAvailability(openSessions.map((s) => s.id));

  const currency = seatedId ? seating.currency : (ticketTypes[0]?.currency ?? "USD");
  const total = seatedId ? seating.total : ticketTypes.reduce((sum, tt) => sum + tt.price * (quantities[tt.id] ?? 0), 0);
  const items = ticketTypes
    .map((tt) => ({ ticket_type_id: tt.id, quantity: quantities[tt.id] ?? 0 }))
    .filter((item) => item.quantity > 0);

  // Tickets sold on the organizer's approval are asked for with a request instead of booked.
  const chosen = seatedId ? seating.order.items : items;
  const approval = useApprovalRequest(approvalRequired, ticketTypes, chosen, () => void refresh());
  const asking = bookable && approval.asking;

  // No seats for what is asked (or none left at all): the waiting list is offered below the form, for the
  // tickets it can take (never those sold on approval).
  const selected = openSessions.find((s) => s.id === sessionId);
  const seats = selected ? (live[selected.id] ?? { available: selected.available, on_sale: true }) : null;
  const queueable = freelySold(approvalRequired, ticketTypes);
  const queueIds = new Set(queueable.map((tt) => tt.id));
  const waitlist =
    bookable && seats && queueable.length > 0
      ? seatedId
        ? waitlistOffer(zoneOptions(seating.map?.zones ?? [], seating.limits).filter((o) => queueIds.has(o.ticketTypeId)), chosen, seats.on_sale)
        : waitlistOffer(sessionOptions(queueable, seats.available), items, seats.on_sale)
      : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!sessionId) {
      setError(t("event.chooseSession"));
      return;
    }
    const request = seatedId ? seatedBookingBody(t, sessionId, seating, ticketTypes) : { body: { session_id: sessionId, items } };
    if ("error" in request) {
      setError(request.error);
      return;
    }
    if (request.body.items.length === 0) {
      setError(t("event.chooseTickets"));
      return;
    }
    if (asking) {
      await approval.send(sessionId, request.body.items);
      return;
    }
    setBusy(true);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/bookings", {
        body: request.body,
        params: { header: { "Idempotency-Key": newIdempotencyKey() } },
      });
      if (!data) {
        if (seatedId) {
          // Seats taken meanwhile leave the choice, and the map shows them taken.
          seating.refused(apiError);
          setError(seatedRefusalText(t, apiError));
        } else if (asksForRequest(apiError)) {
          // Sold on approval since the page was read: the form becomes a request, and the page is read again.
          approval.askInstead();
          setNotice(t("approvals.ask.switched"));
          router.refresh();
        } else {
          setError(errorMessage(t, errorCode(apiError)));
          // Sold out meanwhile: the figures shown are stale, and the waiting list may now be offered.
          if (errorCode(apiError) === "sold_out") void refresh();
        }
        setBusy(false);
        return;
      }
      router.push(data.status === "pending_payment" ? `/bookings/${data.id}/payment` : `/bookings/${data.id}`);
    } catch {
      setError(errorMessage(t, null));
      setBusy(false);
    }
  }

  if (sessions.length === 0) {
    return <p className="text-slate-600">{t("event.noSessions")}</p>;
  }

  const form = (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-semibold">{t("event.sessions")}</legend>
        {sessions.map((session) => {
          const info = live[session.id] ?? { available: session.available, capacity: session.capacity, on_sale: true };
          const cancelled = session.status === "cancelled";
          const inputId = `session-${session.id}`;
          let note: string;
          if (cancelled) note = t("event.sessionCancelled");
          else if (info.available <= 0) note = t("event.sessionSoldOut");
          else if (!info.on_sale) note = t("event.notOnSale");
          else note = t("event.available", { available: String(info.available), capacity: String(info.capacity) });
          return (
            <label
              key={session.id}
              htmlFor={inputId}
              data-testid="session-option"
              className="flex cursor-pointer items-start gap-3 rounded border border-slate-300 p-3 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50"
            >
              <input
                type="radio"
                id={inputId}
                name="session"
                value={session.id}
                checked={sessionId === session.id}
                disabled={cancelled}
                onChange={() => setSessionId(session.id)}
                className="mt-1 h-4 w-4 accent-blue-700"
              />
              <span className="flex flex-col">
                <span className="font-medium">
                  <time dateTime={session.starts_at}>{formatDateTime(session.starts_at, timezone, lang)}</time>
                </span>
                <span data-testid="availability" className="text-sm text-slate-600">
                  {note}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>

      {seatedId ? (
        <SeatedTickets seating={seating} />
      ) : (
        <fieldset className="space-y-3">
          <legend className="mb-2 text-lg font-semibold">{t("event.tickets")}</legend>
          {ticketTypes.map((tt) => {
            const inputId = `qty-${tt.id}`;
            return (
              <div key={tt.id} className="flex items-center justify-between gap-3">
                <div className="min-w-0">
                  <label htmlFor={inputId} className="block font-medium">
                    {tt.name}
                    {approval.scope === "some" && tt.approval_required && (
                      <span className="ml-1 text-xs font-normal text-amber-800">({t("approvals.ask.onApproval")})</span>
                    )}
                  </label>
                  <span className="block text-sm text-slate-600">
                    {formatMoney(tt.price, tt.currency, lang)} · {t("event.maxPerOrder", { max: String(tt.max_per_order) })}
                  </span>
                  {tt.description && <span className="block text-xs text-slate-500">{tt.description}</span>}
                </div>
                <input
                  id={inputId}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={tt.max_per_order}
                  step={1}
                  value={quantities[tt.id] ?? 0}
                  onChange={(e) => {
                    const parsed = Number.parseInt(e.target.value, 10);
                    const quantity = Number.isNaN(parsed) ? 0 : Math.max(0, Math.min(tt.max_per_order, parsed));
                    setQuantities((q) => ({ ...q, [tt.id]: quantity }));
                  }}
                  className="w-20 rounded border border-slate-300 px-2 py-1.5 text-right focus-visible:ring-2 focus-visible:ring-blue-500"
                />
              </div>
            );
          })}
        </fieldset>
      )}

      <p className="flex items-baseline justify-between border-t border-slate-200 pt-3 text-lg">
        <span>{t("event.total")}</span>
        <output data-testid="total" aria-live="polite" className="font-semibold">
          {formatMoney(total, currency, lang)}
        </output>
      </p>

      <p role="status" aria-live="polite" data-testid="booking-notice" className="text-sm text-green-900 empty:hidden">
        {notice}
      </p>
      <div role="alert" aria-live="polite" data-testid="booking-error" className="min-h-0 text-sm text-red-700 empty:hidden">
        {error}
      </div>

      {asking ? (
        <ApprovalRequestFields
          eventId={eventId}
          sessionId={sessionId}
          signedIn={signedIn}
          holdMinutes={approvalHoldMinutes}
          scope={approval.scope}
          typeNames={ticketTypes.filter((tt) => tt.approval_required).map((tt) => tt.name)}
          timezone={timezone}
          disabled={busy}
          state={approval}
        />
      ) : signedIn ? (
        <button
          type="submit"
          data-testid="book"
          disabled={busy || !bookable}
          aria-disabled={busy || !bookable}
          className="w-full rounded bg-blue-700 px-4 py-2.5 font-semibold text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {busy ? t("event.booking") : t("event.book")}
        </button>
      ) : (
        <Link
          href={`/login?next=/events/${eventId}`}
          data-testid="book"
          className="block w-full rounded bg-blue-700 px-4 py-2.5 text-center font-semibold text-white hover:bg-blue-800"
        >
          {t("event.loginToBook")}
        </Link>
      )}
    </form>
  );

  return (
    <div className="space-y-5">
      {form}
      {waitlist && (
        <WaitlistJoinPanel
          key={sessionId}
          eventId={eventId}
          sessionId={sessionId}
          options={waitlist.options}
          initial={waitlist.initial}
          reason={waitlist.reason}
          signedIn={signedIn}
          onSeatsFree={(message) => {
            setNotice(message);
            void refresh();
            if (seatedId) void seating.reload();
          }}
        />
      )}
    </div>
  );
}
