"use client";

import { useTranslations } from "next-intl";

import type { SeatHolder } from "@/lib/seating/desk";

const STATUS_STYLES: Record<string, string> = {
  held: "bg-amber-100 text-amber-900",
  sold: "bg-slate-200 text-slate-800",
  blocked: "bg-red-50 text-red-800",
};

/**
 * Every taken seat with its holder: the booking, ticket type, attendee and check-in, or the organizer's own
 * block. A ticket's "Move" picks it; a free seat of its zone on the map is then its new seat.
 */
export function HoldersTable({
  holders,
  seatName,
  moving,
  disabled,
  onMove,
}: {
  holders: readonly SeatHolder[];
  seatName: (code: string) => string;
  /** The ticket being moved, if any. */
  moving: string | null;
  disabled: boolean;
  onMove: (holder: SeatHolder | null) => void;
}) {
  const t = useTranslations();
  if (holders.length === 0) return <p className="text-slate-700">{t("seatMaps.desk.empty")}</p>;
  return (
    <div className="-mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[40rem] text-left text-sm" data-testid="seat-holders">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">{t("seatMaps.desk.seat")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("seatMaps.desk.status")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("seatMaps.desk.reference")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("seatMaps.desk.ticketType")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("seatMaps.desk.attendee")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("seatMaps.desk.checkedIn")}</th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">{t("seatMaps.desk.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {holders.map((holder) => {
            const ticketId = holder.ticket_id;
            const picked = ticketId !== null && moving === ticketId;
            return (
              <tr key={holder.seat} data-testid="seat-holder" data-seat={holder.seat} data-status={holder.status} className={picked ? "bg-blue-50" : undefined}>
                <td className="py-2 pr-3">
                  <span className="block font-mono">{holder.seat}</span>
                  <span className="block text-xs text-slate-600">{seatName(holder.seat)}</span>
                </td>
                <td className="py-2 pr-3">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${STATUS_STYLES[holder.status] ?? "bg-slate-100"}`}>
                    {holder.status === "held" || holder.status === "sold" || holder.status === "blocked"
                      ? t(`seatMaps.desk.state.${holder.status}`)
                      : holder.status}
                  </span>
                </td>
                <td className="py-2 pr-3 font-mono">{holder.booking_reference ?? "—"}</td>
                <td className="py-2 pr-3">{holder.ticket_type_name ?? "—"}</td>
                <td className="py-2 pr-3 break-words">{holder.attendee_name ?? "—"}</td>
                <td className="py-2 pr-3">{holder.ticket_id ? (holder.checked_in ? t("seatMaps.desk.yes") : t("seatMaps.desk.no")) : "—"}</td>
                <td className="py-2">
                  {ticketId && !holder.checked_in && (
                    <button
                      type="button"
                      data-testid="move-ticket"
                      aria-pressed={picked}
                      disabled={disabled}
                      aria-label={t(picked ? "seatMaps.desk.cancelMoveLabel" : "seatMaps.desk.moveLabel", { seat: holder.seat })}
                      className="rounded px-1 text-blue-800 underline disabled:opacity-60"
                      onClick={() => onMove(picked ? null : holder)}
                    >
                      {picked ? t("seatMaps.desk.cancelMove") : t("seatMaps.desk.pickMove")}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
