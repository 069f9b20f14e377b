"use client";

import { useTranslations } from "next-intl";

/** "Sold on approval" for one ticket type: its buyers send a request, which the organizer decides. */
export function TicketApprovalCheckbox({
  id,
  checked,
  disabled = false,
  onChange,
}: {
  id: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useTranslations();
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          data-testid="ticket-type-approval"
          aria-describedby={`${id}-hint`}
          className="h-5 w-5 rounded border-slate-300"
          disabled={disabled}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id} className="font-medium">
          {t("approvalDesk.ticket.approval")}
        </label>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        {t("approvalDesk.ticket.approvalHint")}
      </p>
    </div>
  );
}
