import { STATUS_STYLES } from "./labels";

export function StatusBadge({ status, label, testId }: { status: string; label: string; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLES[status] ?? "bg-slate-100 text-slate-800"}`}
    >
      {label}
    </span>
  );
}
