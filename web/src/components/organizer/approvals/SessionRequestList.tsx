"use client";

import { useLocale, useTranslations } from "next-intl";

import { canDecide, requestStatus, type BookingRequest, type RequestStatus } from "@/lib/approvals/requests";
import { formatDateTime } from "@/lib/time-zone";

import { buttonClass } from "../form-controls";
import { ReasonDialog } from "../ReasonDialog";

const STATUS_STYLES: Record<RequestStatus, string> = {
  pending: "bg-blue-100 text-blue-900",
  approved: "bg-green-100 text-green-900",
  declined: "bg-red-100 text-red-800",
  expired: "bg-slate-200 text-slate-700",
  withdrawn: "bg-slate-200 text-slate-700",
};

/**
 * A session's requests, newest first, one card each (they fit a phone): who asked, for what, their note, the
 * status with its times, and Approve / Decline while a decision is awaited.
 */
export function SessionRequestList({
  requests,
  busy,
  onApprove,
  onDecline,
}: {
  requests: readonly BookingRequest[];
  busy: string | null;
  onApprove: (request: BookingRequest) => Promise<void>;
  onDecline: (request: BookingRequest, reason: string) => Promise<string | null>;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const when = (iso: string) => formatDateTime(iso, "UTC", lang);

  return (
    <ul className="space-y-3">
      {requests.map((request) => {
        const status = requestStatus(request);
        const open = canDecide(request);
        return (
          <li
            key={request.id}
            data-testid="session-request"
            data-status={status}
            className="min-w-0 space-y-2 rounded border border-slate-200 p-3"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-medium break-words" data-testid="session-request-name">
                  {request.requester_name}
                </p>
                <p className="text-sm text-slate-700" data-testid="session-request-tickets">
                  {request.items
                    .map((item) => t("approvalDesk.tickets", { quantity: String(item.quantity), ticketType: item.ticket_type_name }))
                    .join(", ")}
                </p>
              </div>
              <span
                data-testid="session-request-status"
                className={`rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${STATUS_STYLES[status]}`}
              >
                {t(`approvalDesk.state.${status}`)}
              </span>
            </div>

            <div className="text-sm">
              <p className="font-medium text-slate-700">{t("approvalDesk.note")}</p>
              <p data-testid="session-request-note" className="break-words whitespace-pre-line">
                {request.message || <span className="text-slate-500">{t("approvalDesk.noNote")}</span>}
              </p>
            </div>

            {status === "declined" && request.decline_reason && (
              <p className="text-sm break-words text-slate-700">{t("approvalDesk.reason", { reason: request.decline_reason })}</p>
            )}

            <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
              <span>
                {t("approvalDesk.sent", { time: when(request.created_at) })}
              </span>
              {open && (
                <span data-testid="session-request-expires">{t("approvalDesk.expires", { time: when(request.expires_at) })}</span>
              )}
              {open && request.holds_seats && <span className="font-medium text-amber-800">{t("approvalDesk.holdsSeats")}</span>}
              {!open && request.decided_at && <span>{t("approvalDesk.decided", { time: when(request.decided_at) })}</span>}
            </p>

            {open && (
              <div className="flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  data-testid="request-approve"
                  aria-label={t("approvalDesk.approveLabel", { name: request.requester_name })}
                  disabled={busy !== null}
                  onClick={() => void onApprove(request)}
                  className={buttonClass}
                >
                  {busy === `approve:${request.id}` ? t("approvalDesk.approving") : t("approvalDesk.approve")}
                </button>
                <ReasonDialog
                  trigger={t("approvalDesk.decline")}
                  triggerLabel={t("approvalDesk.declineLabel", { name: request.requester_name })}
                  testId="request-decline"
                  title={t("approvalDesk.declineTitle", { name: request.requester_name })}
                  body={t("approvalDesk.declineText")}
                  labels={{
                    keep: t("approvalDesk.keep"),
                    confirm: t("approvalDesk.declineConfirm"),
                    busy: t("approvalDesk.declining"),
                    reason: t("approvalDesk.reasonLabel"),
                    hint: t("approvalDesk.reasonHint"),
                  }}
                  busy={busy === `decline:${request.id}`}
                  disabled={busy !== null}
                  onConfirm={(reason) => onDecline(request, reason)}
                />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
