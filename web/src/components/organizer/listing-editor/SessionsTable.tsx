"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import { valueMessage } from "@/i18n/translate";
import { formatDateTime } from "@/lib/time-zone";

import { ReasonDialog } from "../ReasonDialog";
import { EditSessionDialog } from "./EditSessionDialog";
import { cancelDialogLabels, STATUS_STYLES, type AvailabilityMap, type EventDetail, type EventSales } from "./types";
import type { ListingActions } from "./useListingActions";

/** One row per session: its date in the venue's zone, seats, check-ins, revenue, status, and what can be done. */
export function SessionsTable({
  event,
  availability,
  sales,
  money,
  actions,
}: {
  event: EventDetail;
  availability: AvailabilityMap;
  sales: EventSales | null;
  money: (amount: number) => string;
  actions: ListingActions;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const { busy } = actions;
  const timeZone = event.venue?.timezone ?? "UTC";
  const cancelled = event.status === "cancelled";
  // Sessions without sales are left out of `sales.sessions`: they count as zeros.
  const salesBySession = new Map((sales?.sessions ?? []).map((row) => [row.session_id, row]));

  return (
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
                  {session.seat_map_id && (
                    <span className="ml-2 rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-blue-900" data-testid="session-seated">
                      {t("org.sessions.seated")}
                    </span>
                  )}
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
                    <Link href={`/organizer/sessions/${session.id}?event=${event.id}`} className="rounded px-1 text-blue-800 underline">
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
                          onSave={(body) => actions.editSession(session, body)}
                        />
                        <ReasonDialog
                          labels={cancelDialogLabels(t)}
                          trigger={t("org.editor.cancelSession")}
                          testId="cancel-session"
                          small
                          title={t("org.editor.cancelSessionTitle")}
                          body={t("org.editor.cancelSessionBody", { date: when })}
                          busy={busy === `cancel-${session.id}`}
                          disabled={busy !== null}
                          onConfirm={async (reason) => {
                            // Closes either way: a failure shows next to the sessions table.
                            await actions.cancelSession(session, reason);
                          }}
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
  );
}
