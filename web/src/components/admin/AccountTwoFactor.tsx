"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { EditorDialog } from "@/components/organizer/listing-editor/EditorDialog";
import { describeApiError, networkError } from "@/components/organizer/api-errors";
import { api } from "@/lib/api/client";

const smallDangerButton =
  "inline-flex items-center justify-center rounded border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60";

/**
 * An account's two-factor sign-in in the admin list: on or off, and, when on, resetting it after a
 * confirmation (POST /admin/users/{id}/2fa/reset: it goes off, for a lost phone, and every sign-in of the
 * account ends).
 */
export function AccountTwoFactor({ userId, name, email, enabled }: { userId: string; name: string; email: string; enabled: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      const { response, error: failure } = await api.POST("/api/v1/admin/users/{user_id}/2fa/reset", {
        params: { path: { user_id: userId } },
      });
      if (response.ok) {
        setBusy(false);
        setOpen(false);
        setDone(true);
        router.refresh();
        return;
      }
      setError(describeApiError(t, failure));
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  const on = enabled && !done;
  return (
    <div className="space-y-2">
      <span
        data-testid="account-two-factor"
        data-enabled={on ? "true" : "false"}
        className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${on ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-800"}`}
      >
        {on ? t("admin.users.twoFactorOn") : t("admin.users.twoFactorOff")}
      </span>
      {on && (
        <EditorDialog
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            setError(null);
          }}
          trigger={
            <button type="button" data-testid="reset-two-factor" aria-label={t("admin.users.resetLabel", { name })} className={smallDangerButton}>
              {t("admin.users.reset")}
            </button>
          }
          title={t("admin.users.resetTitle", { name })}
          description={t("admin.users.resetBody", { email })}
          busy={busy}
          error={error}
          closeLabel={t("admin.users.keep")}
          submitLabel={busy ? t("admin.users.resetting") : t("admin.users.resetConfirm")}
          submitTestId="reset-two-factor-confirm"
          onSubmit={reset}
        >
          {null}
        </EditorDialog>
      )}
      <div aria-live="polite" className="text-sm empty:hidden">
        {done && (
          <p role="status" data-testid="reset-two-factor-done" className="text-green-800">
            {t("admin.users.resetDone", { name })}
          </p>
        )}
      </div>
    </div>
  );
}
