"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";

import { formatMoney } from "@/lib/money";

import { AddTicketTypeForm } from "./AddTicketTypeForm";
import { EditTicketTypeDialog } from "./EditTicketTypeDialog";
import { SectionNotice } from "./SectionFeedback";
import type { EventDetail } from "./types";
import type { ListingActions } from "./useListingActions";

/** The ticket types with their prices, editing them, and adding one. */
export function TicketTypesSection({ event, actions }: { event: EventDetail; actions: ListingActions }) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const { busy } = actions;
  const cancelled = event.status === "cancelled";

  return (
    <section aria-labelledby={`${id}-tickets-h`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-tickets-h`} className="text-lg font-semibold">
        {t("org.tickets.title")}
      </h2>
      {event.ticket_types.length === 0 ? (
        <p className="text-slate-700">{t("org.tickets.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {event.ticket_types.map((type) => (
            <li key={type.id} data-testid="ticket-type" className="flex flex-wrap items-baseline justify-between gap-2 py-2">
              <span className="font-medium break-words">
                {type.name}
                {!type.is_active && (
                  <span className="ml-2 text-xs font-normal text-slate-500">({t("org.tickets.inactive")})</span>
                )}
                {type.approval_required && (
                  <span className="ml-2 text-xs font-normal text-amber-800" data-testid="ticket-type-on-approval">
                    ({t("approvalDesk.ticket.shown")})
                  </span>
                )}
                {type.zone && (
                  <span className="ml-2 text-xs font-normal text-slate-600" data-testid="ticket-type-zone">
                    {t("org.tickets.zoneShown", { zone: type.zone })}
                  </span>
                )}
              </span>
              <span className="flex items-baseline gap-3">
                <span>{formatMoney(type.price, type.currency, lang)}</span>
                {!cancelled && (
                  <EditTicketTypeDialog
                    type={type}
                    busy={busy === `edit-${type.id}`}
                    disabled={busy !== null}
                    onSave={(body) => actions.editTicketType(type, body)}
                  />
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <SectionNotice notice={actions.notice} section="tickets" />

      {!cancelled && <AddTicketTypeForm event={event} actions={actions} />}
    </section>
  );
}
