"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { canDecide } from "@/lib/approvals/requests";

import { SessionRequestList } from "./SessionRequestList";
import { useSessionRequests } from "./useSessionRequests";

/**
 * A session's requests for tickets sold on approval, on its organizer page: how many await a decision, and
 * each request with Approve and Decline (with a reason for the buyer).
 */
export function RequestsSection({ sessionId }: { sessionId: string }) {
  const t = useTranslations();
  const id = useId();
  const desk = useSessionRequests(sessionId);
  const { page } = desk;
  const pending = page ? page.items.filter((request) => canDecide(request)).length : 0;

  return (
    <section aria-labelledby={`${id}-h`} data-testid="requests-desk" className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="space-y-1">
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {t("approvalDesk.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("approvalDesk.intro")}</p>
      </div>

      {desk.loading && !page && (
        <p role="status" className="text-sm text-slate-600">
          {t("approvalDesk.loading")}
        </p>
      )}
      {desk.loadFailed && !desk.loading && (
        <p role="alert" className="flex flex-wrap items-center gap-3 rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("approvalDesk.loadError")}
          <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1 text-slate-800" onClick={() => void desk.load()}>
            {t("common.retry")}
          </button>
        </p>
      )}
      {desk.message && (
        <p
          role={desk.message.kind === "error" ? "alert" : "status"}
          data-testid="requests-desk-message"
          className={
            desk.message.kind === "error"
              ? "rounded border border-red-200 bg-red-50 p-3 text-red-800"
              : "rounded border border-green-200 bg-green-50 p-3 text-green-900"
          }
        >
          {desk.message.text}
        </p>
      )}

      {page &&
        (page.items.length === 0 ? (
          <p className="text-slate-700">{t("approvalDesk.empty")}</p>
        ) : (
          <>
            <p data-testid="requests-pending" className="font-medium">
              {t("approvalDesk.pending", { count: String(pending) })}
            </p>
            <SessionRequestList requests={page.items} busy={desk.busy} onApprove={desk.approve} onDecline={desk.decline} />
          </>
        ))}
    </section>
  );
}
