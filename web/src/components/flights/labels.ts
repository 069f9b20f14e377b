// Texts for values the flights API sends as plain strings (cabins, order and leg statuses).
import type { Translate } from "@/i18n/translate";
import { isCabin } from "@/lib/flights/search-params";

const STATUSES = ["pending_payment", "confirmed", "partially_cancelled", "cancelled", "expired", "scheduled"] as const;
export type OrderStatus = (typeof STATUSES)[number];

export function isOrderStatus(value: string): value is OrderStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export function cabinLabel(t: Translate, cabin: string): string {
  return isCabin(cabin) ? t(`flights.cabin.${cabin}`) : cabin;
}

export function statusLabel(t: Translate, status: string): string {
  return isOrderStatus(status) ? t(`flights.status.${status}`) : status;
}

export const STATUS_STYLE: Record<string, string> = {
  confirmed: "bg-green-100 text-green-800",
  pending_payment: "bg-amber-100 text-amber-800",
  partially_cancelled: "bg-orange-100 text-orange-800",
  cancelled: "bg-slate-200 text-slate-700",
  expired: "bg-slate-200 text-slate-700",
  scheduled: "bg-green-100 text-green-800",
};
