"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { parseApiError } from "@/components/organizer/api-errors";
import { EditorDialog } from "@/components/organizer/listing-editor/EditorDialog";
import { errorMessage } from "@/i18n/translate";
import { requestView, type BookingRequest, type RequestStatus } from "@/lib/approvals/requests";
import { api } from "@/lib/api/client";
import { formatDateTime } from "@/lib/time-zone";

import { requestErrorText } from "./errors";

const STATUS_STYLE: Record<RequestStatus, string> = {
  pending: "bg-blue-100 text-blue-900",
  approved: "bg-green-100 text-green-800",
  declined: "bg-red-100 text-red-800",
  expired: "bg-slate-200 text-slate-700",
  withdrawn: "bg-slate-200 text-slate-700",
};

const danger = "rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-700 hover:bg-red-50 disabled:opacity-60";

/**
 * One of the buyer's requests: the date and tickets, the note sent, its status and what follows from it (when
 * it expires and whether seats are held; the booking to pay; the organizer's reason), and "Withdraw" while
 * pending (POST /requests/{id}/withdraw, answered with the request as it now is).
 */
export function RequestCard({
  request,
  timeZone,
  onChange,
}: {
  request: BookingRequest;
  timeZone: string | null;
  onChange: (updated: BookingRequest) => void;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const view = requestView(request);
  const when = (iso: string) => formatDateTime(iso, timeZone, lang);

  async function withdraw() {
    setBusy(true);
    setDialogError(null);
    try {
      const { data, error } = await api.POST("/api/v1/requests/{request_id}/withdraw", {
        params: { path: { request_id: request.id } },
      });
      if (data) {
        onChange(data);
        setDone(true);
        setOpen(false);
        return;
      }
      // Decided (or ended) meanwhile: the page reads it again.
      if (parseApiError(error).code === "request_not_pending") router.refresh();
      setDialogError(requestErrorText(t, error));
    } catch {
      setDialogError(errorMessage(t, null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-testid="request" data-status={view.status} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={`/events/${request.event_id}`} className="block font-medium break-words hover:underline">
            {request.event_title}
          </Link>
          <p className="text-sm text-slate-600">
            <time dateTime={request.session_starts_at}>{when(request.session_starts_at)}</time>
            {" · "}
            <span data-testid="request-tickets">
              {request.items
                .map((item) => t("approvals.tickets", { quantity: String(item.quantity), ticketType: item.ticket_type_name }))
                .join(", ")}
            </span>
          </p>
        </div>
        <span data-testid="request-status" className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[view.status]}`}>
          {t(`approvals.status.${view.status}`)}
        </span>
      </div>

      {request.message && (
        <div className="rounded bg-slate-50 p-2 text-sm">
          <p className="font-medium text-slate-700">{t("approvals.yourNote")}</p>
          <p data-testid="request-note" className="break-words whitespace-pre-line">
            {request.message}
          </p>
        </div>
      )}

      <div className="space-y-1 text-sm text-slate-700">
        {view.status === "pending" && view.expiresAt && (
          <>
            <p data-testid="request-expires">{t("approvals.expires", { time: when(view.expiresAt) })}</p>
            <p>{view.holdsSeats ? t("approvals.holding") : t("approvals.notHolding")}</p>
          </>
        )}
        {view.status === "approved" && <p>{t("approvals.approvedText")}</p>}
        {view.status === "declined" && (
          <>
            <p>{t("approvals.declinedText")}</p>
            {view.declineReason && (
              <p data-testid="request-reason" className="font-medium break-words text-slate-900">
                {t("approvals.reason", { reason: view.declineReason })}
              </p>
            )}
          </>
        )}
        {view.status === "expired" && <p>{t("approvals.expiredText")}</p>}
        {view.status === "withdrawn" && <p>{t("approvals.withdrawnText")}</p>}
        <p className="text-xs text-slate-500">
          {t("approvals.sent", { time: when(request.created_at) })}
        </p>
      </div>

      {(view.bookingHref || view.withdraw) && (
        <div className="flex flex-wrap items-center gap-3">
          {view.bookingHref && (
            <Link
              href={view.bookingHref}
              data-testid="request-booking"
              className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
            >
              {t("approvals.openBooking")}
            </Link>
          )}
          {view.withdraw && (
            <EditorDialog
              open={open}
              onOpenChange={(next) => {
                setOpen(next);
                setDialogError(null);
              }}
              trigger={
                <button
                  type="button"
                  data-testid="request-withdraw"
                  aria-label={t("approvals.withdrawLabel", { event: request.event_title })}
                  disabled={busy}
                  className={danger}
                >
                  {t("approvals.withdraw")}
                </button>
              }
              title={t("approvals.withdrawTitle")}
              description={t("approvals.withdrawText", { event: request.event_title })}
              busy={busy}
              error={dialogError}
              closeLabel={t("approvals.keep")}
              submitLabel={busy ? t("approvals.withdrawing") : t("approvals.withdrawConfirm")}
              submitTestId="request-withdraw-confirm"
              onSubmit={withdraw}
            >
              {null}
            </EditorDialog>
          )}
        </div>
      )}

      {done && (
        <p role="status" data-testid="request-message" className="text-sm text-green-900">
          {t("approvals.withdrawnDone")}
        </p>
      )}
    </li>
  );
}
