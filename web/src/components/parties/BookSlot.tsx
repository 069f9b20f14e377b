"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";

import { buttonClass, Field, inputClass } from "@/components/organizer/form-controls";
import { QrCode } from "@/components/QrCode";
import { newIdempotencyKey } from "@/components/visitor/BookingForm";
import { api } from "@/lib/api/client";
import { readBookingOutcome, type BookingOutcome } from "@/lib/parties/booking-outcome";
import type { Slot } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "./errors";

/**
 * The showings with places left and when booking closes (in the place's zone), and the booking form: places
 * 1..max, a message when the host approves requests. One Idempotency-Key per attempt: a refusal booked
 * nothing, so the next attempt gets a new one; a lost answer keeps it.
 */
export function BookSlot({
  slots,
  maxPlaces,
  approvalRequired,
  signedIn,
  bookable,
  loginHref,
}: {
  slots: Slot[];
  maxPlaces: number;
  approvalRequired: boolean;
  signedIn: boolean;
  bookable: boolean;
  loginHref: string;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const id = useId();
  const firstOnSale = slots.find((s) => s.on_sale && s.status === "scheduled")?.id ?? "";
  const [slotId, setSlotId] = useState(firstOnSale);
  const [places, setPlaces] = useState(1);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BookingOutcome | null>(null);
  const key = useRef<string>(newIdempotencyKey());
  const chosen = slots.find((s) => s.id === slotId);
  const most = Math.max(1, Math.min(maxPlaces, chosen?.seats_left ?? maxPlaces));
  const when = (slot: { starts_at: string; timezone: string }) => formatDateTime(slot.starts_at, slot.timezone, lang);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const { data, error, response } = await api.POST("/api/v1/parties/slots/{slot_id}/bookings", {
        params: { path: { slot_id: chosen.id }, header: { "Idempotency-Key": key.current } },
        body: { places, message: message.trim() },
      });
      const read = readBookingOutcome(response.status, data ?? error);
      setOutcome(read);
      if (read.kind !== "refused" || read.retryable) key.current = newIdempotencyKey();
      if (read.kind !== "refused") router.refresh();
    } catch {
      setOutcome({ kind: "refused", code: null, available: null, retryable: false });
    }
    setBusy(false);
  }

  if (outcome?.kind === "confirmed") {
    const booking = outcome.booking;
    return (
      <section role="status" data-testid="party-booked" className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4 text-green-950">
        <h2 className="text-lg font-semibold">{t("parties.book.confirmed")}</h2>
        <p>
          {t("parties.book.confirmedBody", {
            reference: booking.reference,
            places: String(booking.places),
            time: when({ starts_at: booking.starts_at, timezone: booking.timezone }),
          })}
        </p>
        {booking.place.address && <p data-testid="party-address">{t("parties.book.address", { address: booking.place.address })}</p>}
        <p className="text-sm">{t("parties.book.tickets")}</p>
        <ul className="flex flex-wrap gap-4">
          {booking.ticket_codes.map((code) => (
            <li key={code} data-testid="party-ticket" className="space-y-1 text-center">
              <QrCode code={code} alt={t("parties.book.ticketAlt", { code })} />
              <span className="block font-mono text-sm">{code}</span>
            </li>
          ))}
        </ul>
        <Link href="/parties/bookings" className="text-blue-800 underline">
          {t("parties.book.seeBookings")}
        </Link>
      </section>
    );
  }
  if (outcome?.kind === "requested") {
    return (
      <section role="status" data-testid="party-requested" className="space-y-2 rounded-lg border border-blue-300 bg-blue-50 p-4">
        <h2 className="text-lg font-semibold">{t("parties.book.requested")}</h2>
        <p>{t("parties.book.requestedBody", { time: when({ starts_at: outcome.request.expires_at, timezone: chosen?.timezone ?? "UTC" }) })}</p>
        <Link href="/parties/bookings" className="text-blue-800 underline">
          {t("parties.book.seeBookings")}
        </Link>
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="party-book-form">
      <fieldset className="space-y-2">
        <legend className="text-lg font-semibold">{t("parties.detail.slots")}</legend>
        {slots.length === 0 && <p className="text-slate-600">{t("parties.detail.noSlots")}</p>}
        {slots.map((slot) => {
          const open = slot.on_sale && slot.status === "scheduled";
          return (
            <label
              key={slot.id}
              data-testid="party-slot-option"
              className={`flex items-start gap-3 rounded border bg-white p-3 ${slot.id === slotId ? "border-blue-500" : "border-slate-200"} ${open ? "" : "opacity-70"}`}
            >
              <input type="radio" name={`${id}-slot`} value={slot.id} className="mt-1" checked={slot.id === slotId} disabled={!open} onChange={() => setSlotId(slot.id)} />
              <span>
                <time dateTime={slot.starts_at} className="block font-medium">
                  {when(slot)}
                </time>
                <span className="block text-sm text-slate-700">
                  {slot.status === "cancelled"
                    ? t("parties.detail.cancelled")
                    : open
                      ? `${t("parties.detail.seatsLeft", { count: String(slot.seats_left) })} · ${t("parties.detail.closes", { time: formatDateTime(slot.booking_closes_at, slot.timezone, lang) })}`
                      : t("parties.detail.notOnSale")}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      {firstOnSale &&
        bookable &&
        (signedIn ? (
          <>
            <Field id={`${id}-places`} label={t("parties.book.places")}>
              <select id={`${id}-places`} className={`${inputClass} max-w-32`} value={Math.min(places, most)} onChange={(e) => setPlaces(Number(e.target.value))}>
                {Array.from({ length: most }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </Field>
            {approvalRequired && (
              <Field id={`${id}-message`} label={t("parties.book.message")}>
                <textarea
                  id={`${id}-message`}
                  rows={2}
                  maxLength={500}
                  aria-describedby={`${id}-message-hint`}
                  className={inputClass}
                  value={message}
                  onChange={(e) => setMessage(e.target.value)}
                />
                <p id={`${id}-message-hint`} className="mt-1 text-sm text-slate-600">
                  {t("parties.book.messageHint")}
                </p>
              </Field>
            )}
            {outcome?.kind === "refused" && (
              <p role="alert" aria-live="polite" data-testid="party-book-error" data-code={outcome.code ?? undefined} className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                {partyErrorText(t, outcome.code ? { code: outcome.code, available: outcome.available ?? undefined } : null)}
              </p>
            )}
            <button type="submit" className={buttonClass} disabled={busy || !chosen} data-testid="party-book">
              {busy ? t("parties.book.busy") : approvalRequired ? t("parties.book.request") : t("parties.book.submit")}
            </button>
          </>
        ) : (
          <Link href={loginHref} className={buttonClass}>
            {t("parties.book.signIn")}
          </Link>
        ))}
    </form>
  );
}
