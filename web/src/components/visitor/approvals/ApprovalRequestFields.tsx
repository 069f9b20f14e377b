"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useId } from "react";

import { NOTE_MAX, type ApprovalScope } from "@/lib/approvals/ask";
import { formatDateTime } from "@/lib/time-zone";

import { holdDurationText } from "./errors";
import type { ApprovalRequestState } from "./useApprovalRequest";

/**
 * In place of "Book" when the tickets chosen are sold on the organizer's approval: what happens (the organizer
 * decides; seats held meanwhile or not), a note to the organizer and "Send the request", which submits the
 * booking form around it. Once sent, the result with the way to "My requests". Signed-out visitors log in
 * first and come back to the event.
 */
export function ApprovalRequestFields({
  eventId,
  sessionId,
  signedIn,
  holdMinutes,
  scope,
  typeNames,
  timezone,
  disabled,
  state,
}: {
  eventId: string;
  /** The session chosen: a request sent for another one is not shown. */
  sessionId: string;
  signedIn: boolean;
  /** The listing's hold time: 0 holds nothing until approved. */
  holdMinutes: number;
  /**
   * What sells on approval: every ticket of the listing, or some ticket types; "none" when the page did not
   * know the tickets needed approval until booking them was refused (it is then read again).
   */
  scope: ApprovalScope;
  /** The names of the ticket types sold on approval, when only some are. */
  typeNames: readonly string[];
  timezone: string;
  disabled: boolean;
  state: ApprovalRequestState;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const outcome = state.outcome?.kind === "sent" && state.outcome.request.session_id !== sessionId ? null : state.outcome;

  return (
    <div data-testid="approval-request" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={`${id}-h`} className="font-semibold">
        {t("approvals.ask.title")}
      </h3>
      <div className="space-y-1 text-sm text-slate-700" data-testid="approval-explained">
        <p>
          {scope === "listing"
            ? t("approvals.ask.listing")
            : scope === "some"
              ? t("approvals.ask.some", { names: typeNames.join(", ") })
              : t("approvals.ask.chosen")}
        </p>
        <p data-testid="approval-hold">
          {holdMinutes > 0 ? t("approvals.ask.hold", { duration: holdDurationText(t, holdMinutes) }) : t("approvals.ask.noHold")}
        </p>
        <p>{t("approvals.ask.approved")}</p>
      </div>

      {outcome?.kind === "sent" ? (
        <p role="status" data-testid="request-sent" className="text-sm text-green-900">
          {outcome.request.holds_seats
            ? t("approvals.ask.sentHold", { time: formatDateTime(outcome.request.expires_at, timezone, lang) })
            : t("approvals.ask.sentNoHold", { time: formatDateTime(outcome.request.expires_at, timezone, lang) })}{" "}
          <Link href="/requests" data-testid="request-see-list" className="font-medium underline">
            {t("approvals.ask.seeRequests")}
          </Link>
        </p>
      ) : signedIn ? (
        <>
          <div>
            <label htmlFor={`${id}-note`} className="block text-sm font-medium">
              {t("approvals.ask.note")}
            </label>
            <textarea
              id={`${id}-note`}
              data-testid="request-note"
              rows={3}
              maxLength={NOTE_MAX}
              aria-describedby={`${id}-note-hint`}
              value={state.note}
              onChange={(e) => state.setNote(e.target.value)}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 focus-visible:ring-2 focus-visible:ring-blue-500"
            />
            <p id={`${id}-note-hint`} className="mt-1 text-xs text-slate-600">
              {t("approvals.ask.noteHint")}
            </p>
          </div>
          <button
            type="submit"
            data-testid="request-submit"
            disabled={disabled || state.busy}
            className="w-full rounded bg-slate-900 px-4 py-2.5 font-semibold text-white hover:bg-slate-800 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {state.busy ? t("approvals.ask.sending") : t("approvals.ask.submit")}
          </button>
        </>
      ) : (
        <Link
          href={`/login?next=/events/${eventId}`}
          data-testid="request-login"
          className="block w-full rounded bg-slate-900 px-4 py-2.5 text-center font-semibold text-white hover:bg-slate-800"
        >
          {t("approvals.ask.login")}
        </Link>
      )}

      {outcome?.kind === "refused" && (
        <p role="alert" data-testid="request-error" className="text-sm text-red-700">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
