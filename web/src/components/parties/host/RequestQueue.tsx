"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { parseApiError } from "@/components/organizer/api-errors";
import { buttonClass } from "@/components/organizer/form-controls";
import { ReasonDialog } from "@/components/organizer/ReasonDialog";
import { api } from "@/lib/api/client";
import type { PartyRequest } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "../errors";
import { GuestReputation } from "../Reputation";

export type RequestSlot = { film: string; startsAt: string; timeZone: string };

/** Pending requests with the guest's reputation: approve (a full slot answers `409 sold_out`, the request stays pending) or decline. */
export function RequestQueue({ requests, slots }: { requests: PartyRequest[]; slots: Record<string, RequestSlot> }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Set<string>>(new Set());

  const fail = (requestId: string, text: string) => setErrors((current) => ({ ...current, [requestId]: text }));
  const finish = (requestId: string) => {
    setDone((current) => new Set(current).add(requestId));
    router.refresh();
  };

  async function approve(request: PartyRequest) {
    setBusy(request.id);
    fail(request.id, "");
    try {
      const { data, error } = await api.POST("/api/v1/parties/requests/{request_id}/approve", { params: { path: { request_id: request.id } } });
      if (data) finish(request.id);
      else {
        const parsed = parseApiError(error);
        fail(
          request.id,
          parsed.code === "sold_out"
            ? t("partyHost.requests.soldOut", { available: String(typeof parsed.extra.available === "number" ? parsed.extra.available : 0) })
            : partyErrorText(t, error),
        );
      }
    } catch {
      fail(request.id, partyErrorText(t, null));
    }
    setBusy(null);
  }

  async function decline(request: PartyRequest, reason: string): Promise<string | null> {
    setBusy(request.id);
    try {
      const { data, error } = await api.POST("/api/v1/parties/requests/{request_id}/decline", {
        params: { path: { request_id: request.id } },
        body: { reason },
      });
      if (data) {
        finish(request.id);
        return null;
      }
      return partyErrorText(t, error);
    } catch {
      return partyErrorText(t, null);
    } finally {
      setBusy(null);
    }
  }

  const shown = requests.filter((r) => !done.has(r.id));
  if (shown.length === 0) return <p className="text-slate-600">{t("partyHost.dashboard.noRequests")}</p>;
  return (
    <ul className="space-y-3">
      {shown.map((request) => {
        const slot = slots[request.slot_id];
        return (
          <li key={request.id} data-testid="party-request" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-medium">{t("partyHost.requests.guest", { name: request.guest.name, places: String(request.places) })}</p>
            <GuestReputation rating={request.guest.reputation.as_guest} />
            {slot && (
              <p className="text-sm text-slate-700">
                {slot.film} · {t("partyHost.requests.slot", { time: formatDateTime(slot.startsAt, slot.timeZone, lang) })}
              </p>
            )}
            {request.message && <p className="text-sm italic">{t("partyHost.requests.message", { message: request.message })}</p>}
            {errors[request.id] && (
              <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                {errors[request.id]}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonClass} disabled={busy !== null} onClick={() => void approve(request)} data-testid="request-approve">
                {busy === request.id ? t("partyHost.requests.approving") : t("partyHost.requests.approve")}
              </button>
              <ReasonDialog
                trigger={t("partyHost.requests.decline")}
                testId="request-decline"
                title={t("partyHost.requests.declineTitle")}
                body={t("partyHost.requests.declineBody")}
                labels={{
                  keep: t("partyHost.requests.keep"),
                  confirm: t("partyHost.requests.decline"),
                  busy: t("partyHost.requests.declining"),
                  reason: t("partyHost.requests.reason"),
                  hint: t("partyHost.requests.reasonHint"),
                }}
                busy={busy === request.id}
                disabled={busy !== null}
                onConfirm={(reason) => decline(request, reason)}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
