"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { formatDateTime } from "@/lib/time-zone";
import { canRemove, type WaitlistLine } from "@/lib/waitlist/line";
import { isEntryStatus } from "@/lib/waitlist/entries";

import { dangerButtonClass } from "../form-controls";
import { EditorDialog } from "../listing-editor/EditorDialog";

const STATUS_STYLES: Record<string, string> = {
  waiting: "bg-blue-100 text-blue-900",
  offered: "bg-amber-100 text-amber-900",
  booked: "bg-green-100 text-green-900",
};

/** The line in order, then the entries settled lately; someone still waiting can be taken off it. */
export function WaitlistTable({
  items,
  busy,
  onRemove,
}: {
  items: readonly WaitlistLine[];
  busy: string | null;
  onRemove: (entry: WaitlistLine) => Promise<string | null>;
}) {
  const t = useTranslations();
  const lang = useLocale();
  return (
    <div className="-mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{t("waitlistDesk.caption")}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">{t("waitlistDesk.position")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("waitlistDesk.name")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("waitlistDesk.ticketType")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("waitlistDesk.quantity")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("waitlistDesk.status")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("waitlistDesk.expires")}</th>
            <th scope="col" className="py-2 font-medium">{t("waitlistDesk.actions")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((entry) => (
            <tr key={entry.id} data-testid="waitlist-line" data-status={entry.status}>
              <td className="py-2 pr-3" data-testid="waitlist-line-position">{entry.position ?? "—"}</td>
              <td className="py-2 pr-3 break-words" data-testid="waitlist-line-name">{entry.name}</td>
              <td className="py-2 pr-3 break-words">{entry.ticket_type_name}</td>
              <td className="py-2 pr-3">{entry.quantity}</td>
              <td className="py-2 pr-3">
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${STATUS_STYLES[entry.status] ?? "bg-slate-200 text-slate-700"}`}>
                  {isEntryStatus(entry.status) ? t(`waitlistDesk.state.${entry.status}`) : entry.status}
                </span>
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {entry.status === "offered" && entry.offer_expires_at ? (
                  <time dateTime={entry.offer_expires_at}>{formatDateTime(entry.offer_expires_at, "UTC", lang)}</time>
                ) : (
                  "—"
                )}
              </td>
              <td className="py-2">
                {canRemove(entry) && <RemoveButton entry={entry} busy={busy} onRemove={onRemove} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RemoveButton({
  entry,
  busy,
  onRemove,
}: {
  entry: WaitlistLine;
  busy: string | null;
  onRemove: (entry: WaitlistLine) => Promise<string | null>;
}) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removing = busy === entry.id;

  async function confirm() {
    const failure = await onRemove(entry);
    if (failure) setError(failure);
    else setOpen(false);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
      trigger={
        <button
          type="button"
          data-testid="waitlist-remove"
          aria-label={t("waitlistDesk.removeLabel", { name: entry.name })}
          disabled={busy !== null}
          className={`${dangerButtonClass} px-2 py-1 text-sm`}
        >
          {t("waitlistDesk.remove")}
        </button>
      }
      title={t("waitlistDesk.removeTitle", { name: entry.name })}
      description={t("waitlistDesk.removeText", { quantity: String(entry.quantity), ticketType: entry.ticket_type_name })}
      busy={removing}
      error={error}
      closeLabel={t("waitlistDesk.keep")}
      submitLabel={removing ? t("waitlistDesk.removing") : t("waitlistDesk.removeConfirm")}
      submitTestId="waitlist-remove-confirm"
      onSubmit={confirm}
    >
      {null}
    </EditorDialog>
  );
}
