// A party's status as the host reads it.
import type { Translate } from "@/i18n/translate";

const STATUSES = ["draft", "published", "cancelled"] as const;
type PartyStatus = (typeof STATUSES)[number];

export const STATUS_STYLE: Record<PartyStatus, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
};

export function partyStatus(value: string): PartyStatus | null {
  return STATUSES.find((s) => s === value) ?? null;
}

export function PartyStatusBadge({ status, t }: { status: string; t: Translate }) {
  const known = partyStatus(status);
  return (
    <span data-testid="party-status" data-status={status} className={`rounded px-2 py-0.5 text-xs font-semibold ${known ? STATUS_STYLE[known] : "bg-slate-100"}`}>
      {known ? t(`partyHost.dashboard.status.${known}`) : status}
    </span>
  );
}
