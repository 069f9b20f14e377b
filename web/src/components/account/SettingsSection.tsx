// One part of the account settings page: a titled card. Each part (profile, address, password, sign-ins, and
// any added later) is its own component inside one of these.
import type { ReactNode } from "react";

export function SettingsSection({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`settings-${id}`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="space-y-1">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {intro && <p className="text-sm text-slate-600">{intro}</p>}
      </div>
      {children}
    </section>
  );
}
