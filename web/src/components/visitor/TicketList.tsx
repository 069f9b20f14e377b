"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { QrCode } from "@/components/QrCode";
import { seatCodeName } from "@/components/seating/seat-names";
import { OfferTransferDialog } from "@/components/visitor/transfers/OfferTransferDialog";
import { TicketTransferLine, TransferWindowNote } from "@/components/visitor/transfers/TicketTransfer";
import { errorMessage, valueMessage } from "@/i18n/translate";
import { api, errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { canOffer, ticketTransferState, type Transfer, type TransferWindow } from "@/lib/transfers/transfers";

type Ticket = components["schemas"]["TicketRead"];

const CANCELLABLE = new Set(["pending_payment", "confirmed"]);

export function TicketList({
  bookingId,
  reference,
  status,
  tickets,
  transfers = [],
  transferWindow = { kind: "none" },
  timeZone = null,
}: {
  bookingId: string;
  reference: string;
  status: string;
  tickets: Ticket[];
  /** The booking's transfers: which tickets are offered to someone or were given away. */
  transfers?: readonly Transfer[];
  /** Whether the listing lets tickets be given to someone now. */
  transferWindow?: TransferWindow;
  /** The listing's time zone, for the times of offers. */
  timeZone?: string | null;
}) {
  const router = useRouter();
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/bookings/{booking_id}/cancel", {
        params: { path: { booking_id: bookingId } },
        body: null,
      });
      if (!data) {
        setError(errorMessage(t, errorCode(apiError)));
      } else {
        setNotice(t("bookings.cancelled"));
        setOpen(false);
        router.refresh();
      }
    } catch {
      setError(errorMessage(t, null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tickets-heading" className="space-y-4">
      <h2 id="tickets-heading" className="text-xl font-semibold">
        {t("bookings.tickets")}
      </h2>
      {status === "confirmed" && tickets.some((ticket) => ticket.status === "valid") && (
        <TransferWindowNote rule={transferWindow} timeZone={timeZone} />
      )}
      <ul className="grid gap-4 sm:grid-cols-2">
        {tickets.map((ticket) => {
          const transfer = ticketTransferState(ticket, transfers);
          return (
            <li
              key={ticket.id}
              data-testid="ticket"
              data-status={ticket.status}
              data-transfer={transfer.kind}
              className="flex flex-col items-center gap-2 rounded-lg border border-slate-200 bg-white p-4 text-center"
            >
              <p className="font-medium">{ticket.ticket_type_name}</p>
              {ticket.attendee_name && <p className="text-sm text-slate-600">{ticket.attendee_name}</p>}
              {ticket.seat && (
                <p className="font-semibold" data-testid="ticket-seat" data-seat={ticket.seat}>
                  {t("bookings.seat", { seat: seatCodeName(t, ticket.seat) })}
                </p>
              )}
              {ticket.status === "valid" && <QrCode code={ticket.code} alt={t("bookings.qrAlt", { code: ticket.code })} />}
              <p className="text-sm">
                {t("bookings.ticketCode")}:{" "}
                <span data-testid="ticket-code" className="font-mono font-semibold">
                  {ticket.code}
                </span>
              </p>
              <p className="text-xs uppercase tracking-wide text-slate-600">
                {transfer.kind === "transferred" ? t("transfers.transferred") : valueMessage(t, "ticket", ticket.status)}
              </p>
              <TicketTransferLine state={transfer} timeZone={timeZone} />
              {canOffer(status, ticket, transfer, transferWindow) && (
                <OfferTransferDialog
                  bookingId={bookingId}
                  ticket={ticket}
                  timeZone={timeZone}
                  onOffered={(email) => {
                    setError(null);
                    setNotice(t("transfers.sent", { email }));
                    router.refresh();
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>

      <div role="status" aria-live="polite" className="text-sm text-green-800 empty:hidden">
        {notice}
      </div>
      {!open && (
        <div role="alert" aria-live="polite" data-testid="cancel-error" className="text-sm text-red-700 empty:hidden">
          {error}
        </div>
      )}

      {CANCELLABLE.has(status) && (
        <Dialog.Root
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            if (next) setError(null);
          }}
        >
          <Dialog.Trigger asChild>
            <button
              type="button"
              data-testid="cancel-booking"
              className="rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-700 hover:bg-red-50"
            >
              {t("bookings.cancel")}
            </button>
          </Dialog.Trigger>
          <Dialog.Portal>
            <Dialog.Overlay className="fixed inset-0 bg-slate-900/50" />
            <Dialog.Content className="fixed left-1/2 top-1/2 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-6 shadow-xl">
              <Dialog.Title className="text-lg font-semibold">{t("bookings.cancelTitle")}</Dialog.Title>
              <Dialog.Description className="text-slate-700">{t("bookings.cancelText", { reference })}</Dialog.Description>
              <div role="alert" aria-live="polite" className="text-sm text-red-700 empty:hidden">
                {error}
              </div>
              <div className="flex flex-wrap justify-end gap-3">
                <Dialog.Close asChild>
                  <button type="button" className="rounded border border-slate-300 px-4 py-2">
                    {t("bookings.keep")}
                  </button>
                </Dialog.Close>
                <button
                  type="button"
                  data-testid="confirm-cancel"
                  disabled={busy}
                  onClick={() => void cancel()}
                  className="rounded bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
                >
                  {busy ? t("bookings.cancelling") : t("bookings.cancelConfirm")}
                </button>
              </div>
            </Dialog.Content>
          </Dialog.Portal>
        </Dialog.Root>
      )}
    </section>
  );
}
