"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { buttonClass } from "@/components/organizer/form-controls";
import { ReasonDialog } from "@/components/organizer/ReasonDialog";
import { api } from "@/lib/api/client";
import type { PartyDetail } from "@/lib/parties/types";

import { partyErrorText } from "../errors";

/** Publish (needs an upcoming showing: `409 not_publishable`), cancel the whole party, see its public page. */
export function PartyActions({ party }: { party: PartyDetail }) {
  const t = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = { params: { path: { party_id: party.id } } };

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST("/api/v1/parties/{party_id}/publish", path);
      if (data) router.refresh();
      else setError(partyErrorText(t, failure));
    } catch {
      setError(partyErrorText(t, null));
    }
    setBusy(false);
  }

  async function cancel(reason: string): Promise<string | null> {
    setBusy(true);
    try {
      const { data, error: failure } = await api.POST("/api/v1/parties/{party_id}/cancel", { ...path, body: { reason } });
      if (data) {
        router.refresh();
        return null;
      }
      return partyErrorText(t, failure);
    } catch {
      return partyErrorText(t, null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        {party.status === "draft" && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void publish()} data-testid="party-publish">
            {busy ? t("partyHost.actions.publishing") : t("partyHost.actions.publish")}
          </button>
        )}
        {party.status !== "cancelled" && (
          <ReasonDialog
            trigger={t("partyHost.actions.cancelParty")}
            testId="party-cancel"
            title={t("partyHost.actions.cancelTitle")}
            body={t("partyHost.actions.cancelBody")}
            labels={{
              keep: t("partyHost.slots.keep"),
              confirm: t("partyHost.actions.cancelParty"),
              busy: t("partyHost.slots.cancelling"),
              reason: t("partyHost.slots.reason"),
              hint: t("partyHost.slots.reasonHint"),
            }}
            busy={busy}
            disabled={busy}
            onConfirm={cancel}
          />
        )}
        <Link href={`/parties/${party.id}`} className="text-blue-800 underline" data-testid="party-public-link">
          {t("partyHost.actions.view")}
        </Link>
      </div>
      {error && (
        <p role="alert" aria-live="polite" data-testid="party-action-error" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
