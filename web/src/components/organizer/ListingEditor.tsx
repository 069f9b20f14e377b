"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";

import { valueMessage } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { CURRENCIES, formatMoney, fromMinorUnits, toMinorUnits } from "@/lib/money";
import { formatDateTime, isoToVenueLocal, venueLocalToIso } from "@/lib/time-zone";

import {
  buttonClass,
  dangerButtonClass,
  describeApiError,
  Field,
  inputClass,
  networkError,
  secondaryButtonClass,
  toCategorySlug,
} from "./EventForm";

type EventDetail = components["schemas"]["EventDetail"];
type SessionRead = components["schemas"]["SessionRead"];
type TicketTypeRead = components["schemas"]["TicketTypeRead"];
type SessionUpdate = components["schemas"]["SessionUpdate"];
type TicketTypeUpdate = components["schemas"]["TicketTypeUpdate"];
type Availability = components["schemas"]["Availability"];
export type AvailabilityMap = Record<string, Availability | null>;
export type EventSales = components["schemas"]["EventSales"];

const STATUS_STYLES: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
  scheduled: "bg-blue-100 text-blue-900",
};

type Section = "details" | "sessions" | "tickets" | "actions";
type Message = { section: Section; text: string };

export function ListingEditor({
  event,
  availability,
  sales,
}: {
  event: EventDetail;
  availability: AvailabilityMap;
  /** Null when the sales could not be loaded: the editor then shows no sales figures. */
  sales: EventSales | null;
}) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const t = useTranslations();
  const lang = useLocale();
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

  /** Runs one API call and refreshes the page on success; returns the error to show, or null on success. */
  async function attempt(key: string, call: () => Promise<{ error?: unknown; data?: unknown }>): Promise<string | null> {
    setBusy(key);
    setError(null);
    setNotice(null);
    let failure: string | null = null;
    try {
      const result = await call();
      if (result.error !== undefined || result.data === undefined) {
        failure = describeApiError(t, result.error);
      } else {
        refresh();
      }
    } catch {
      failure = networkError(t);
    }
    setBusy(null);
    return failure;
  }

  /** Runs one API call; shows its error in `section`, or `done` (if any) and refreshes on success. */
  async function run(key: string, section: Section, call: () => Promise<{ error?: unknown; data?: unknown }>, done?: string) {
    const failure = await attempt(key, call);
    if (failure !== null) setError({ section, text: failure });
    else if (done) setNotice({ section, text: done });
    return failure === null;
  }

  /** Like run, for a dialog: it returns the error for the dialog to show, and says `done` in `section`. */
  async function runInDialog(
    key: string,
    section: Section,
    call: () => Promise<{ error?: unknown; data?: unknown }>,
    done: string,
  ) {
    const failure = await attempt(key, call);
    if (failure === null) setNotice({ section, text: done });
    return failure;
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

  const editSession = (session: SessionRead, body: SessionUpdate) =>
    runInDialog(
      `edit-${session.id}`,
      "sessions",
      () => api.PATCH("/api/v1/sessions/{session_id}", { params: { path: { session_id: session.id } }, body }),
      t("org.sessions.updated"),
    );

  const editTicketType = (type: TicketTypeRead, body: TicketTypeUpdate) =>
    runInDialog(
      `edit-${type.id}`,
      "tickets",
      () =>
        api.PATCH("/api/v1/ticket-types/{ticket_type_id}", {
          params: { path: { ticket_type_id: type.id } },
          body,
        }),
      t("org.tickets.updated"),
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

  // Sessions without sales are left out of `sales.sessions`: they count as zeros.
  const salesBySession = new Map((sales?.sessions ?? []).map((row) => [row.session_id, row]));
  const salesCurrency = sales?.currency ?? event.ticket_types[0]?.currency ?? null;
  const money = (amount: number) => (salesCurrency ? formatMoney(amount, salesCurrency, lang) : "—");

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
              {valueMessage(t, "org.status", event.status)}
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
          <Field id={field("title")} label={t("org.form.title")}>
            <input
              id={field("title")}
              required
              maxLength={200}
              disabled={cancelled}
              className={inputClass}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </Field>
          <Field id={field("description")} label={t("org.form.description")}>
            <textarea
              id={field("description")}
              rows={5}
              maxLength={20000}
              disabled={cancelled}
              className={inputClass}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
          <Field id={field("category")} label={t("org.form.category")}>
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
          </Field>
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
            {sales && (
              <dl data-testid="sales-summary" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                <SalesFigure
                  label={t("org.sales.ticketsSold")}
                  value={t("org.sessions.soldOf", { sold: String(sales.tickets_sold), capacity: String(totals.capacity) })}
                />
                <SalesFigure label={t("org.sales.bookings")} value={sales.bookings} />
                <SalesFigure label={t("org.sales.checkedIn")} value={sales.checked_in} />
                <SalesFigure label={t("org.sales.revenue")} value={money(sales.revenue)} />
              </dl>
            )}
            <p data-testid="seats-summary" className="text-sm text-slate-700">
              {t("org.sessions.summary", { sold: String(totals.sold), capacity: String(totals.capacity) })}
            </p>
            <div className="-mx-4 overflow-x-auto px-4">
              <table className="w-full min-w-[48rem] text-left text-sm">
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
                      {t("org.sessions.checkedIn")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("org.sessions.revenue")}
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
                    const sessionSales = salesBySession.get(session.id);
                    const when = formatDateTime(session.starts_at, timeZone, lang);
                    const editable = session.status !== "cancelled" && !cancelled;
                    return (
                      <tr key={session.id} data-testid="session-row">
                        <td className="py-2 pr-3">
                          <time dateTime={session.starts_at}>{when}</time>
                        </td>
                        <td className="py-2 pr-3">{a?.capacity ?? session.capacity}</td>
                        <td className="py-2 pr-3">
                          {a ? t("org.sessions.soldOf", { sold: String(a.sold), capacity: String(a.capacity) }) : "—"}
                        </td>
                        <td className="py-2 pr-3">{a ? a.held : "—"}</td>
                        <td className="py-2 pr-3">{sales ? (sessionSales?.checked_in ?? 0) : "—"}</td>
                        <td className="py-2 pr-3 whitespace-nowrap">{sales ? money(sessionSales?.revenue ?? 0) : "—"}</td>
                        <td className="py-2 pr-3">
                          <span
                            data-status={session.status}
                            className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLES[session.status] ?? "bg-slate-100"}`}
                          >
                            {valueMessage(t, "org.status", session.status)}
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
                            {editable && (
                              <>
                                <EditSessionDialog
                                 
                                  session={session}
                                  capacity={a?.capacity ?? session.capacity}
                                  taken={a ? a.sold + a.held : null}
                                  timeZone={timeZone}
                                  when={when}
                                  busy={busy === `edit-${session.id}`}
                                  disabled={busy !== null}
                                  onSave={(body) => editSession(session, body)}
                                />
                                <CancelDialog
                                 
                                  trigger={t("org.editor.cancelSession")}
                                  testId="cancel-session"
                                  small
                                  title={t("org.editor.cancelSessionTitle")}
                                  body={t("org.editor.cancelSessionBody", { date: when })}
                                  busy={busy === `cancel-${session.id}`}
                                  disabled={busy !== null}
                                  onConfirm={(reason) => cancelSession(session, reason)}
                                />
                              </>
                            )}
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {noticeFor("sessions")}
          </>
        )}

        {!cancelled && (
          <form onSubmit={addSession} noValidate className="space-y-3 border-t border-slate-200 pt-4">
            <h3 className="font-semibold">{t("org.sessions.add")}</h3>
            <p id={field("times-hint")} className="text-sm text-slate-600">
              {t("org.sessions.timesHint", { timezone: timeZone })}
            </p>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field id={field("starts")} label={t("org.sessions.startsAt")}>
                <input
                  id={field("starts")}
                  type="datetime-local"
                  required
                  aria-describedby={field("times-hint")}
                  className={inputClass}
                  value={startsAt}
                  onChange={(e) => setStartsAt(e.target.value)}
                />
              </Field>
              <Field id={field("ends")} label={t("org.sessions.endsAt")}>
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
              </Field>
              <Field id={field("capacity")} label={t("org.sessions.capacityInput")}>
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
              </Field>
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
                <span className="flex items-baseline gap-3">
                  <span>{formatMoney(type.price, type.currency, lang)}</span>
                  {!cancelled && (
                    <EditTicketTypeDialog
                     
                      type={type}
                      busy={busy === `edit-${type.id}`}
                      disabled={busy !== null}
                      onSave={(body) => editTicketType(type, body)}
                    />
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
        {noticeFor("tickets")}

        {!cancelled && (
          <form onSubmit={addTicketType} noValidate className="space-y-3 border-t border-slate-200 pt-4">
            <h3 className="font-semibold">{t("org.tickets.add")}</h3>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field id={field("ticket-name")} label={t("org.tickets.name")}>
                <input
                  id={field("ticket-name")}
                  required
                  maxLength={100}
                  className={inputClass}
                  value={ticketName}
                  onChange={(e) => setTicketName(e.target.value)}
                />
              </Field>
              <Field id={field("price")} label={t("org.tickets.price")}>
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
              </Field>
              <Field id={field("currency")} label={t("org.tickets.currency")}>
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
              </Field>
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

/** One figure of the sales summary (a `<dt>`/`<dd>` pair). */
function SalesFigure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="rounded border border-slate-200 bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold break-words">{value}</dd>
    </div>
  );
}

const smallLinkButtonClass = "rounded px-1 text-blue-800 underline disabled:cursor-not-allowed disabled:opacity-60";

/**
 * The frame every editor dialog shares: a trigger, a modal with a title and description, a form with the
 * given fields, an error (if any) and Close / submit buttons. Radix moves focus in and back to the trigger,
 * and unmounts the content while closed. It cannot be closed while `busy`.
 */
function EditorDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  busy,
  error = null,
  closeLabel,
  submitLabel,
  submitTestId,
  onSubmit,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  busy: boolean;
  error?: string | null;
  closeLabel: string;
  submitLabel: string;
  submitTestId: string;
  onSubmit: () => void | Promise<void>;
  children: ReactNode;
}) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void onSubmit();
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700">{description}</Dialog.Description>
          <form onSubmit={submit} noValidate className="mt-4 space-y-4">
            {children}
            {error && (
              <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                {error}
              </p>
            )}
            <div className="flex flex-wrap justify-end gap-2">
              <Dialog.Close asChild>
                <button type="button" className={secondaryButtonClass} disabled={busy}>
                  {closeLabel}
                </button>
              </Dialog.Close>
              <button type="submit" data-testid={submitTestId} className={buttonClass} disabled={busy}>
                {submitLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Sends only the fields that changed (nothing at all when none did); closes on success, else shows why. */
async function saveChanges<T extends object>(
  body: T,
  onSave: (body: T) => Promise<string | null>,
  close: () => void,
  fail: (message: string) => void,
): Promise<void> {
  if (Object.keys(body).length === 0) {
    close();
    return;
  }
  const failure = await onSave(body);
  if (failure === null) close();
  else fail(failure);
}

/** A "Cancel …" button that asks for confirmation and an optional reason in a modal dialog. */
function CancelDialog({
  trigger,
  testId,
  title,
  body,
  busy,
  disabled,
  small = false,
  onConfirm,
}: {
  trigger: string;
  testId: string;
  title: string;
  body: ReactNode;
  busy: boolean;
  disabled: boolean;
  small?: boolean;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");

  async function confirm() {
    // Close either way: on failure the error shows next to the section that owns the action.
    await onConfirm(reason);
    setOpen(false);
    setReason("");
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button
          type="button"
          data-testid={testId}
          disabled={disabled}
          className={small ? "rounded px-1 text-red-700 underline disabled:opacity-60" : dangerButtonClass}
        >
          {trigger}
        </button>
      }
      title={title}
      description={body}
      busy={busy}
      closeLabel={t("org.editor.keep")}
      submitLabel={busy ? t("org.editor.cancelling") : t("org.editor.confirmCancel")}
      submitTestId={`${testId}-confirm`}
      onSubmit={confirm}
    >
      <Field id={`${id}-reason`} label={t("org.editor.reason")}>
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
      </Field>
    </EditorDialog>
  );
}

/**
 * "Edit" on a session row: start, end (venue wall-clock time) and capacity. Only changed fields are sent;
 * `onSave` returns the error to show in the dialog, or null when saved (the dialog then closes).
 */
function EditSessionDialog({
  session,
  capacity,
  taken,
  timeZone,
  when,
  busy,
  disabled,
  onSave,
}: {
  session: SessionRead;
  capacity: number;
  /** Seats already sold or held, when known: the capacity cannot go below them. */
  taken: number | null;
  timeZone: string;
  when: string;
  busy: boolean;
  disabled: boolean;
  onSave: (body: SessionUpdate) => Promise<string | null>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [seats, setSeats] = useState("");
  const [error, setError] = useState<string | null>(null);
  const initialStart = isoToVenueLocal(session.starts_at, timeZone) ?? "";
  const initialEnd = isoToVenueLocal(session.ends_at, timeZone) ?? "";

  function openChange(next: boolean) {
    if (next) {
      setStartsAt(initialStart);
      setEndsAt(initialEnd);
      setSeats(String(capacity));
      setError(null);
    }
    setOpen(next);
  }

  async function save() {
    setError(null);
    if (!startsAt || !endsAt || !seats.trim()) {
      setError(t("org.sessions.required"));
      return;
    }
    const count = Number(seats);
    if (!Number.isInteger(count) || count < 1) {
      setError(t("org.sessions.badCapacity"));
      return;
    }
    const start = venueLocalToIso(startsAt, timeZone);
    const end = venueLocalToIso(endsAt, timeZone);
    if (!start || !end) {
      setError(t("org.sessions.required"));
      return;
    }
    if (new Date(end) <= new Date(start)) {
      setError(t("org.sessions.endBeforeStart"));
      return;
    }
    // Compare the wall-clock text, not instants: an untouched time in a repeated (DST) hour stays as it is.
    const body: SessionUpdate = {};
    if (startsAt !== initialStart) body.starts_at = start;
    if (endsAt !== initialEnd) body.ends_at = end;
    if (count !== capacity) body.capacity = count;
    await saveChanges(body, onSave, () => setOpen(false), setError);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={openChange}
      trigger={
        // The name says which session; it starts with the visible word, and adds no text to the page.
        <button
          type="button"
          data-testid="edit-session"
          disabled={disabled}
          aria-label={t("org.sessions.editLabel", { date: when })}
          className={smallLinkButtonClass}
        >
          {t("org.editor.edit")}
        </button>
      }
      title={t("org.sessions.editTitle")}
      description={t("org.sessions.editBody", { date: when, timezone: timeZone })}
      busy={busy}
      error={error}
      closeLabel={t("org.editor.close")}
      submitLabel={busy ? t("org.editor.saving") : t("org.editor.save")}
      submitTestId="edit-session-save"
      onSubmit={save}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-starts`} label={t("org.sessions.startsAt")}>
          <input
            id={`${id}-starts`}
            type="datetime-local"
            required
            className={inputClass}
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </Field>
        <Field id={`${id}-ends`} label={t("org.sessions.endsAt")}>
          <input
            id={`${id}-ends`}
            type="datetime-local"
            required
            min={startsAt || undefined}
            className={inputClass}
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
          />
        </Field>
      </div>
      <Field id={`${id}-capacity`} label={t("org.sessions.capacityInput")}>
        <input
          id={`${id}-capacity`}
          type="number"
          inputMode="numeric"
          min={Math.max(1, taken ?? 1)}
          max={1000000}
          step={1}
          required
          aria-describedby={taken !== null ? `${id}-capacity-hint` : undefined}
          className={inputClass}
          value={seats}
          onChange={(e) => setSeats(e.target.value)}
        />
        {taken !== null && (
          <p id={`${id}-capacity-hint`} className="mt-1 text-sm text-slate-600">
            {t("org.sessions.capacityHint", { taken: String(taken) })}
          </p>
        )}
      </Field>
    </EditorDialog>
  );
}

/**
 * "Edit" on a ticket type: name, price and whether it is on sale. The currency is the listing's and stays.
 * Only changed fields are sent; `onSave` returns the error to show in the dialog, or null when saved.
 */
function EditTicketTypeDialog({
  type,
  busy,
  disabled,
  onSave,
}: {
  type: TicketTypeRead;
  busy: boolean;
  disabled: boolean;
  onSave: (body: TicketTypeUpdate) => Promise<string | null>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [price, setPrice] = useState("");
  const [onSale, setOnSale] = useState(true);
  const [error, setError] = useState<string | null>(null);

  function openChange(next: boolean) {
    if (next) {
      setName(type.name);
      setPrice(fromMinorUnits(type.price, type.currency));
      setOnSale(type.is_active);
      setError(null);
    }
    setOpen(next);
  }

  async function save() {
    setError(null);
    if (!name.trim() || !price.trim()) {
      setError(t("org.tickets.required"));
      return;
    }
    const minor = toMinorUnits(price, type.currency);
    if (minor === null) {
      setError(t("org.tickets.badPrice"));
      return;
    }
    const body: TicketTypeUpdate = {};
    if (name.trim() !== type.name) body.name = name.trim();
    if (minor !== type.price) body.price = minor;
    if (onSale !== type.is_active) body.is_active = onSale;
    await saveChanges(body, onSave, () => setOpen(false), setError);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={openChange}
      trigger={
        <button
          type="button"
          data-testid="edit-ticket-type"
          disabled={disabled}
          aria-label={t("org.tickets.editLabel", { name: type.name })}
          className={smallLinkButtonClass}
        >
          {t("org.editor.edit")}
        </button>
      }
      title={t("org.tickets.editTitle")}
      description={t("org.tickets.editBody", { name: type.name })}
      busy={busy}
      error={error}
      closeLabel={t("org.editor.close")}
      submitLabel={busy ? t("org.editor.saving") : t("org.editor.save")}
      submitTestId="edit-ticket-type-save"
      onSubmit={save}
    >
      <Field id={`${id}-name`} label={t("org.tickets.name")}>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field id={`${id}-price`} label={`${t("org.tickets.price")} (${type.currency})`}>
        <input
          id={`${id}-price`}
          inputMode="decimal"
          required
          aria-describedby={`${id}-price-hint`}
          className={inputClass}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <p id={`${id}-price-hint`} className="mt-1 text-sm text-slate-600">
          {t("org.tickets.currencyFixed", { currency: type.currency })}
        </p>
      </Field>
      <div>
        <div className="flex items-center gap-2">
          <input
            id={`${id}-on-sale`}
            type="checkbox"
            aria-describedby={`${id}-on-sale-hint`}
            className="h-5 w-5 rounded border-slate-300"
            checked={onSale}
            onChange={(e) => setOnSale(e.target.checked)}
          />
          <label htmlFor={`${id}-on-sale`} className="font-medium">
            {t("org.tickets.onSale")}
          </label>
        </div>
        <p id={`${id}-on-sale-hint`} className="mt-1 text-sm text-slate-600">
          {t("org.tickets.onSaleHint")}
        </p>
      </div>
    </EditorDialog>
  );
}
