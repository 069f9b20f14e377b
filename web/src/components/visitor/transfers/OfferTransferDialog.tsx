"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";

import { Field, inputClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { EditorDialog } from "@/components/organizer/listing-editor/EditorDialog";
import { api } from "@/lib/api/client";
import { offerBody } from "@/lib/transfers/transfers";

import { transferErrorText } from "./texts";

/**
 * "Give to someone" on a ticket: a dialog asking for the recipient's address, which offers them the ticket.
 * It stays open with the reason when the offer fails; `onOffered` hears of a sent one.
 */
export function OfferTransferDialog({
  bookingId,
  ticket,
  timeZone,
  onOffered,
}: {
  bookingId: string;
  ticket: { id: string; code: string };
  timeZone: string | null;
  onOffered: (email: string) => void;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function change(next: boolean) {
    setOpen(next);
    setError(null);
    if (!next) setEmail("");
  }

  async function send() {
    const body = offerBody(email);
    if (!body) {
      setError(t("transfers.badEmail"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/bookings/{booking_id}/tickets/{ticket_id}/transfer", {
        params: { path: { booking_id: bookingId, ticket_id: ticket.id } },
        body,
      });
      setBusy(false);
      if (!data) {
        setError(transferErrorText(t, apiError, timeZone, lang));
        return;
      }
      change(false);
      onOffered(data.to_email);
    } catch {
      setBusy(false);
      setError(transferErrorText(t, null, timeZone, lang));
    }
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={change}
      trigger={
        <button type="button" data-testid="give-ticket" aria-label={t("transfers.giveLabel", { code: ticket.code })} className={secondaryButtonClass}>
          {t("transfers.give")}
        </button>
      }
      title={t("transfers.dialogTitle")}
      description={t("transfers.dialogText")}
      busy={busy}
      error={error}
      closeLabel={t("transfers.close")}
      submitLabel={busy ? t("transfers.sending") : t("transfers.send")}
      submitTestId="give-ticket-send"
      onSubmit={send}
    >
      <Field id={`${id}-email`} label={t("transfers.email")}>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          maxLength={320}
          required
          aria-describedby={`${id}-email-hint`}
          className={inputClass}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <p id={`${id}-email-hint`} className="mt-1 text-sm text-slate-600">
          {t("transfers.emailHint")}
        </p>
      </Field>
    </EditorDialog>
  );
}
