"use client";

import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { formatDateTime, formatMoney } from "@/lib/format";
import { translate, type Lang } from "@/lib/i18n";

import {
  buttonClass,
  dangerButtonClass,
  describeApiError,
  inputClass,
  networkError,
  secondaryButtonClass,
  toCategorySlug,
} from "./EventForm";

type EventDetail = components["schemas"]["EventDetail"];
type SessionRead = components["schemas"]["SessionRead"];
type Availability = components["schemas"]["Availability"];
export type AvailabilityMap = Record<string, Availability | null>;

const CURRENCIES = ["KZT", "KGS", "UZS", "RUB", "USD", "EUR", "GBP", "TRY", "AED", "CNY", "GEL", "AMD", "AZN", "JPY", "KRW"];
const ZERO_DECIMAL = new Set(["JPY", "KRW"]);

const STATUS_STYLES: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
  scheduled: "bg-blue-100 text-blue-900",
};

/** "4500" KZT -> 450000 minor units; "4500" JPY -> 4500. Null when not a non-negative amount. */
export function toMinorUnits(value: string, currency: string): number | null {
  const normalized = value.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(normalized)) return null;
  if (ZERO_DECIMAL.has(currency) && normalized.includes(".")) return null;
  const factor = ZERO_DECIMAL.has(currency) ? 1 : 100;
  return Math.round(Number(normalized) * factor);
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A `datetime-local` value ("2026-05-01T19:00") read as wall-clock time in the venue's zone, as ISO 8601 UTC.
 * Falls back to the browser's zone when the venue zone is unknown to Intl.
 */
export function venueLocalToIso(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0"));
  try {
    const first = wall - zoneOffsetMs(wall, timeZone);
    const second = wall - zoneOffsetMs(first, timeZone);
    return new Date(second).toISOString();
  } catch {
    const date = new Date(local);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
}

type Section = "details" | "sessions" | "tickets" | "actions";
type Message = { section: Section; text: string };

export function ListingEditor({
  lang,
  event,
  availability,
}: {
  lang: Lang;
  event: EventDetail;
  availability: AvailabilityMap;
}) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const t = (key: string, values?: Record<string, string | number>) => translate(lang, key, values);
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const timeZone = event.venue?.timezone ?? "UTC";
  const cancelled = event.status === "cancelled";

  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const [title, setTitle] = useState(event.title);
  const [description, setDescription] = useState(event.description);
  const [category, setCategory] = useState(event.category);

  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [capacity, setCapacity] = useState("");

  const [ticketName, setTicketName] = useState("");
  const [price, setPrice] = useState("");
  const [currency, setCurrency] = useState(event.ticket_types[0]?.currency ?? "KZT");

  function refresh() {
    startTransition(() => router.refresh());
  }

  /** Runs one API call; shows its error in `section`, or `done` (if any) and refreshes on success. */
  async function run(key: string, section: Section, call: () => Promise<{ error?: unknown; data?: unknown }>, done?: string) {
    setBusy(key);
    setError(null);
    setNotice(null);
    let ok = false;
    try {
      const result = await call();
      if (result.error !== undefined || result.data === undefined) {
        setError({ section, text: describeApiError(lang, result.error) });
      } else {
        ok = true;
        if (done) setNotice({ section, text: done });
        refresh();
      }
    } catch {
      setError({ section, text: networkError(lang) });
    }
    setBusy(null);
    return ok;
  }

  async function saveDetails(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const slug = toCategorySlug(category);
    if (!title.trim()) {
      setError({ section: "details", text: t("org.form.required") });
      return;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
      setError({ section: "details", text: t("org.form.badCategory") });
      return;
    }
    await run(
      "details",
      "details",
      () =>
        api.PATCH("/api/v1/events/{event_id}", {
          params: { path: { event_id: event.id } },
          body: { title: title.trim(), description, category: slug },
        }),
      t("org.editor.saved"),
    );
  }

  async function addSession(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (!startsAt || !endsAt || !capacity.trim()) {
      setError({ section: "sessions", text: t("org.sessions.required") });
      return;
    }
    const seats = Number(capacity);
    if (!Number.isInteger(seats) || seats < 1) {
      setError({ section: "sessions", text: t("org.sessions.badCapacity") });
      return;
    }
    const start = venueLocalToIso(startsAt, timeZone);
    const end = venueLocalToIso(endsAt, timeZone);
    if (!start || !end) {
      setError({ section: "sessions", text: t("org.sessions.required") });
      return;
    }
    if (new Date(end) <= new Date(start)) {
      setError({ section: "sessions", text: t("org.sessions.endBeforeStart") });
      return;
    }
    const ok = await run("session", "sessions", () =>
      api.POST("/api/v1/events/{event_id}/sessions", {
        params: { path: { event_id: event.id } },
        body: { starts_at: start, ends_at: end, capacity: seats },
      }),
    );
    if (ok) {
      setStartsAt("");
      setEndsAt("");
      setCapacity("");
    }
  }

  async function addTicketType(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (!ticketName.trim() || !price.trim()) {
      setError({ section: "tickets", text: t("org.tickets.required") });
      return;
    }
    const minor = toMinorUnits(price, currency);
    if (minor === null) {
      setError({ section: "tickets", text: t("org.tickets.badPrice") });
      return;
    }
    const ok = await run("ticket", "tickets", () =>
      api.POST("/api/v1/events/{event_id}/ticket-types", {
        params: { path: { event_id: event.id } },
        body: { name: ticketName.trim(), price: minor, currency, description: "", max_per_order: 10 },
      }),
    );
    if (ok) {
      setTicketName("");
      setPrice("");
    }
  }

  const publish = () =>
    run(
      "publish",
      "actions",
      () => api.POST("/api/v1/events/{event_id}/publish", { params: { path: { event_id: event.id } } }),
      t("org.editor.published"),
    );

  const cancelEvent = (reason: string) =>
    run("cancel-event", "actions", () =>
      api.POST("/api/v1/events/{event_id}/cancel", {
        params: { path: { event_id: event.id } },
        body: { reason: reason.trim() || null },
      }),
    );

  const cancelSession = (session: SessionRead, reason: string) =>
    run(`cancel-${session.id}`, "sessions", () =>
      api.POST("/api/v1/sessions/{session_id}/cancel", {
        params: { path: { session_id: session.id } },
        body: { reason: reason.trim() || null },
      }),
    );

  const alertFor = (section: Section) =>
    error?.section === section ? (
      <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
        {error.text}
      </p>
    ) : null;
  const noticeFor = (section: Section) =>
    notice?.section === section ? (
      <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
        {notice.text}
      </p>
    ) : null;

  const totals = event.sessions
    .filter((s) => s.status !== "cancelled")
    .reduce(
      (acc, s) => {
        const a = availability[s.id];
        return { sold: acc.sold + (a?.sold ?? 0), capacity: acc.capacity + (a?.capacity ?? s.capacity) };
      },
      { sold: 0, capacity: 0 },
    );

  return (
    <div className="space-y-8" aria-busy={busy !== null || refreshing}>
      <div className="space-y-3">
        <Link href="/organizer" className="text-sm text-blue-800 underline">
          {t("org.editor.back")}
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-2xl font-bold break-words">{event.title}</h1>
            <p className="mt-1 text-sm text-slate-700">
              {event.venue
                ? `${event.venue.name}, ${event.venue.city} · ${event.venue.timezone}`
                : t("org.editor.noVenue")}
            </p>
          </div>
          <p className="flex items-center gap-2 text-sm">
            <span className="text-slate-600">{t("org.editor.status")}:</span>
            <span
              data-testid="listing-status"
              data-status={event.status}
              className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLES[event.status] ?? "bg-slate-100"}`}
            >
              {t(`org.status.${event.status}`)}
            </span>
          </p>
        </div>

        {/* publish / cancel */}
        <div className="flex flex-wrap items-center gap-3">
          {event.status === "draft" && (
            <button
              type="button"
              data-testid="publish"
              className={buttonClass}
              disabled={busy !== null}
              onClick={publish}
            >
              {busy === "publish" ? t("org.editor.publishing") : t("org.editor.publish")}
            </button>
          )}
          {!cancelled && (
            <CancelDialog
              lang={lang}
              trigger={t("org.editor.cancelEvent")}
              testId="cancel-event"
              title={t("org.editor.cancelEventTitle")}
              body={t("org.editor.cancelEventBody")}
              busy={busy === "cancel-event"}
              disabled={busy !== null}
              onConfirm={cancelEvent}
            />
          )}
        </div>
        {event.status === "draft" && <p className="text-sm text-slate-600">{t("org.editor.publishHint")}</p>}
        {cancelled && <p className="text-sm text-slate-700">{t("org.editor.cancelledNote")}</p>}
        {alertFor("actions")}
        {noticeFor("actions")}
      </div>

      {/* details */}
      <section aria-labelledby={field("details-h")} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={field("details-h")} className="text-lg font-semibold">
          {t("org.editor.details")}
        </h2>
        <form onSubmit={saveDetails} noValidate className="space-y-4">
          <div>
            <label htmlFor={field("title")} className="font-medium">
              {t("org.form.title")}
            </label>
            <input
              id={field("title")}
              required
              maxLength={200}
              disabled={cancelled}
              className={inputClass}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={field("description")} className="font-medium">
              {t("org.form.description")}
            </label>
            <textarea
              id={field("description")}
              rows={5}
              maxLength={20000}
              disabled={cancelled}
              className={inputClass}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={field("category")} className="font-medium">
              {t("org.form.category")}
            </label>
            <input
              id={field("category")}
              maxLength={60}
              autoCapitalize="none"
              disabled={cancelled}
              aria-describedby={field("category-hint")}
              className={inputClass}
              value={category}
              onChange={(e) => setCategory(e.target.value)}
            />
            <p id={field("category-hint")} className="mt-1 text-sm text-slate-600">
              {t("org.form.categoryHint")}
            </p>
          </div>
          {alertFor("details")}
          {noticeFor("details")}
          <button type="submit" className={buttonClass} disabled={cancelled || busy !== null}>
            {busy === "details" ? t("org.editor.saving") : t("org.editor.save")}
          </button>
        </form>
      </section>

      {/* sessions */}
      <section aria-labelledby={field("sessions-h")} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={field("sessions-h")} className="text-lg font-semibold">
          {t("org.sessions.title")}
        </h2>
        {event.sessions.length === 0 ? (
          <p className="text-slate-700">{t("org.sessions.empty")}</p>
        ) : (
          <>
            <p data-testid="seats-summary" className="text-sm text-slate-700">
              {t("org.sessions.summary", { sold: totals.sold, capacity: totals.capacity })}
            </p>
            <div className="-mx-4 overflow-x-auto px-4">
              <table className="w-full min-w-[36rem] text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("org.sessions.date")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("org.sessions.capacity")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("org.sessions.sold")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("org.sessions.held")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("org.sessions.status")}
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      <span className="sr-only">{t("org.sessions.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {event.sessions.map((session) => {
                    const a = availability[session.id];
                    const when = formatDateTime(session.starts_at, timeZone, lang);
                    return (
                      <tr key={session.id} data-testid="session-row">
                        <td className="py-2 pr-3">
                          <time dateTime={session.starts_at}>{when}</time>
                        </td>
                        <td className="py-2 pr-3">{a?.capacity ?? session.capacity}</td>
                        <td className="py-2 pr-3">
                          {a ? t("org.sessions.soldOf", { sold: a.sold, capacity: a.capacity }) : "—"}
                        </td>
                        <td className="py-2 pr-3">{a ? a.held : "—"}</td>
                        <td className="py-2 pr-3">
                          <span
                            data-status={session.status}
                            className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLES[session.status] ?? "bg-slate-100"}`}
                          >
                            {t(`org.status.${session.status}`)}
                          </span>
                        </td>
                        <td className="py-2">
                          <div className="flex flex-wrap items-center gap-2">
                            <Link
                              href={`/organizer/sessions/${session.id}`}
                              className="rounded px-1 text-blue-800 underline"
                            >
                              {t("org.sessions.bookings")}
                            </Link>
                            {session.status !== "cancelled" && !cancelled && (
                              <CancelDialog
                                lang={lang}
                                trigger={t("org.editor.cancelSession")}
                                testId="cancel-session"
                                small
                                title={t("org.editor.cancelSessionTitle")}
                                body={t("org.editor.cancelSessionBody", { date: when })}
                                busy={busy === `cancel-${session.id}`}
                                disabled={busy !== null}
                                onConfirm={(reason) => cancelSession(session, reason)}
                              />
                            )}
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}

        {!cancelled && (
          <form onSubmit={addSession} noValidate className="space-y-3 border-t border-slate-200 pt-4">
            <h3 className="font-semibold">{t("org.sessions.add")}</h3>
            <p id={field("times-hint")} className="text-sm text-slate-600">
              {t("org.sessions.timesHint", { timezone: timeZone })}
            </p>
            <div className="grid gap-3 sm:grid-cols-3">
              <div>
                <label htmlFor={field("starts")} className="font-medium">
                  {t("org.sessions.startsAt")}
                </label>
                <input
                  id={field("starts")}
                  type="datetime-local"
                  required
                  aria-describedby={field("times-hint")}
                  className={inputClass}
                  value={startsAt}
                  onChange={(e) => setStartsAt(e.target.value)}
                />
              </div>
              <div>
                <label htmlFor={field("ends")} className="font-medium">
                  {t("org.sessions.endsAt")}
                </label>
                <input
                  id={field("ends")}
                  type="datetime-local"
                  required
                  min={startsAt || undefined}
                  aria-describedby={field("times-hint")}
                  className={inputClass}
                  value={endsAt}
                  onChange={(e) => setEndsAt(e.target.value)}
                />
              </div>
              <div>
                <label htmlFor={field("capacity")} className="font-medium">
                  {t("org.sessions.capacityInput")}
                </label>
                <input
                  id={field("capacity")}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={1000000}
                  step={1}
                  required
                  className={inputClass}
                  value={capacity}
                  onChange={(e) => setCapacity(e.target.value)}
                />
              </div>
            </div>
            {alertFor("sessions")}
            <button type="submit" className={buttonClass} disabled={busy !== null}>
              {busy === "session" ? t("org.sessions.adding") : t("org.sessions.addButton")}
            </button>
          </form>
        )}
        {cancelled && alertFor("sessions")}
      </section>

      {/* ticket types */}
      <section aria-labelledby={field("tickets-h")} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={field("tickets-h")} className="text-lg font-semibold">
          {t("org.tickets.title")}
        </h2>
        {event.ticket_types.length === 0 ? (
          <p className="text-slate-700">{t("org.tickets.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {event.ticket_types.map((type) => (
              <li
                key={type.id}
                data-testid="ticket-type"
                className="flex flex-wrap items-baseline justify-between gap-2 py-2"
              >
                <span className="font-medium break-words">
                  {type.name}
                  {!type.is_active && (
                    <span className="ml-2 text-xs font-normal text-slate-500">({t("org.tickets.inactive")})</span>
                  )}
                </span>
                <span>{formatMoney(type.price, type.currency, lang)}</span>
              </li>
            ))}
          </ul>
        )}

        {!cancelled && (
          <form onSubmit={addTicketType} noValidate className="space-y-3 border-t border-slate-200 pt-4">
            <h3 className="font-semibold">{t("org.tickets.add")}</h3>
            <div className="grid gap-3 sm:grid-cols-3">
              <div>
                <label htmlFor={field("ticket-name")} className="font-medium">
                  {t("org.tickets.name")}
                </label>
                <input
                  id={field("ticket-name")}
                  required
                  maxLength={100}
                  className={inputClass}
                  value={ticketName}
                  onChange={(e) => setTicketName(e.target.value)}
                />
              </div>
              <div>
                <label htmlFor={field("price")} className="font-medium">
                  {t("org.tickets.price")}
                </label>
                <input
                  id={field("price")}
                  inputMode="decimal"
                  required
                  aria-describedby={field("price-hint")}
                  className={inputClass}
                  value={price}
                  onChange={(e) => setPrice(e.target.value)}
                />
                <p id={field("price-hint")} className="mt-1 text-sm text-slate-600">
                  {t("org.tickets.priceHint")}
                </p>
              </div>
              <div>
                <label htmlFor={field("currency")} className="font-medium">
                  {t("org.tickets.currency")}
                </label>
                <select
                  id={field("currency")}
                  className={inputClass}
                  value={currency}
                  onChange={(e) => setCurrency(e.target.value)}
                >
                  {CURRENCIES.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {alertFor("tickets")}
            <button type="submit" className={buttonClass} disabled={busy !== null}>
              {busy === "ticket" ? t("org.tickets.adding") : t("org.tickets.addButton")}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}

/** A "Cancel …" button that asks for confirmation and an optional reason in a modal dialog. */
function CancelDialog({
  lang,
  trigger,
  testId,
  title,
  body,
  busy,
  disabled,
  small = false,
  onConfirm,
}: {
  lang: Lang;
  trigger: string;
  testId: string;
  title: string;
  body: ReactNode;
  busy: boolean;
  disabled: boolean;
  small?: boolean;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const t = (key: string) => translate(lang, key);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");

  async function confirm(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Close either way: on failure the error shows next to the section that owns the action.
    await onConfirm(reason);
    setOpen(false);
    setReason("");
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && setOpen(next)}>
      <Dialog.Trigger asChild>
        <button
          type="button"
          data-testid={testId}
          disabled={disabled}
          className={small ? "rounded px-1 text-red-700 underline disabled:opacity-60" : dangerButtonClass}
        >
          {trigger}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl focus:outline-none">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700">{body}</Dialog.Description>
          <form onSubmit={confirm} className="mt-4 space-y-4">
            <div>
              <label htmlFor={`${id}-reason`} className="font-medium">
                {t("org.editor.reason")}
              </label>
              <input
                id={`${id}-reason`}
                maxLength={300}
                aria-describedby={`${id}-reason-hint`}
                className={inputClass}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <p id={`${id}-reason-hint`} className="mt-1 text-sm text-slate-600">
                {t("org.editor.reasonOptional")}
              </p>
            </div>
            <div className="flex flex-wrap justify-end gap-2">
              <Dialog.Close asChild>
                <button type="button" className={secondaryButtonClass} disabled={busy}>
                  {t("org.editor.keep")}
                </button>
              </Dialog.Close>
              <button type="submit" data-testid={`${testId}-confirm`} className={buttonClass} disabled={busy}>
                {busy ? t("org.editor.cancelling") : t("org.editor.confirmCancel")}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
