"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { buttonClass } from "@/components/organizer/form-controls";
import { checkNewPassword, hasProblems, type NewPasswordProblems } from "@/lib/account/form-checks";
import { api } from "@/lib/api/client";

import { accountErrorText, apiErrorCode } from "./errors";
import { NewPasswordFields } from "./NewPasswordFields";

const NO_PROBLEMS: NewPasswordProblems = { password: null, confirmation: null };

/** POST /auth/password-reset with the token from the e-mail's link: a new password, and every sign-in ends. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [problems, setProblems] = useState<NewPasswordProblems>(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<"done" | "invalid" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("new-password") ?? "");
    const found = checkNewPassword(password, String(form.get("confirmation") ?? ""));
    setProblems(found);
    setError(null);
    if (hasProblems(found)) return;
    setBusy(true);
    try {
      const { response, error: failure } = await api.POST("/api/v1/auth/password-reset", { body: { token, password } });
      const code = apiErrorCode(failure);
      if (response.ok) {
        setOutcome("done");
        router.refresh(); // this browser's sign-in, if it had one, has ended too
      } else if (code === "invalid_token") setOutcome("invalid");
      else if (code === "validation_error") setProblems({ password: "tooShort", confirmation: null });
      else setError(accountErrorText(t, failure));
    } catch {
      setError(accountErrorText(t, null));
    }
    setBusy(false);
  }

  if (outcome === "done") {
    return (
      <div role="status" aria-live="polite" data-testid="reset-done" className="space-y-3 rounded bg-green-50 p-4">
        <p>{t("account.reset.done")}</p>
        <Link href="/login" className="inline-block rounded bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800">
          {t("account.reset.login")}
        </Link>
      </div>
    );
  }
  if (outcome === "invalid") return <InvalidResetLink text={t("account.error.invalid_token")} />;

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="reset-form">
      <NewPasswordFields problems={problems} />
      <div role="alert" aria-live="polite" data-testid="reset-error" className="text-sm text-red-700 empty:hidden">
        {error}
      </div>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full`}>
        {busy ? t("account.reset.working") : t("account.reset.submit")}
      </button>
    </form>
  );
}

/** A spent, expired or cut-short reset link, with the way to a new one. */
export function InvalidResetLink({ text }: { text: string }) {
  const t = useTranslations();
  return (
    <div role="alert" aria-live="polite" data-testid="reset-invalid" className="space-y-3 rounded border border-red-200 bg-red-50 p-4 text-red-900">
      <p>{text}</p>
      <Link href="/forgot-password" className="underline">
        {t("account.reset.again")}
      </Link>
    </div>
  );
}
