"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { valueMessage } from "@/i18n/translate";

import { buttonClass } from "../form-controls";
import { ReasonDialog } from "../ReasonDialog";
import { SectionAlert, SectionNotice } from "./SectionFeedback";
import { cancelDialogLabels, STATUS_STYLES, type EventDetail } from "./types";
import type { ListingActions } from "./useListingActions";

/** The listing's title, venue and status, with publishing and cancelling the whole listing. */
export function ListingHeader({ event, actions }: { event: EventDetail; actions: ListingActions }) {
  const t = useTranslations();
  const { busy } = actions;
  const cancelled = event.status === "cancelled";

  return (
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
          {event.venue && (
            <p className="mt-1 text-sm">
              <Link href={`/organizer/venues/${event.venue.id}/seat-maps?event=${event.id}`} className="text-blue-800 underline" data-testid="seat-maps-link">
                {t("org.editor.seatMaps")}
              </Link>
            </p>
          )}
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

      <div className="flex flex-wrap items-center gap-3">
        {event.status === "draft" && (
          <button
            type="button"
            data-testid="publish"
            className={buttonClass}
            disabled={busy !== null}
            onClick={() => void actions.publish()}
          >
            {busy === "publish" ? t("org.editor.publishing") : t("org.editor.publish")}
          </button>
        )}
        {!cancelled && (
          <ReasonDialog
            labels={cancelDialogLabels(t)}
            trigger={t("org.editor.cancelEvent")}
            testId="cancel-event"
            title={t("org.editor.cancelEventTitle")}
            body={t("org.editor.cancelEventBody")}
            busy={busy === "cancel-event"}
            disabled={busy !== null}
            onConfirm={async (reason) => {
              // Closes either way: a failure shows under the header.
              await actions.cancelEvent(reason);
            }}
          />
        )}
      </div>
      {event.status === "draft" && <p className="text-sm text-slate-600">{t("org.editor.publishHint")}</p>}
      {cancelled && <p className="text-sm text-slate-700">{t("org.editor.cancelledNote")}</p>}
      <SectionAlert error={actions.error} section="actions" />
      <SectionNotice notice={actions.notice} section="actions" />
    </div>
  );
}
