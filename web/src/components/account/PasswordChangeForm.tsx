"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { buttonClass, inputClass } from "@/components/organizer/form-controls";
import { checkNewPassword, hasProblems, type NewPasswordProblems } from "@/lib/account/form-checks";
import { api } from "@/lib/api/client";

import { accountErrorText, apiErrorCode } from "./errors";
import { NewPasswordFields } from "./NewPasswordFields";

const NO_PROBLEMS: NewPasswordProblems = { password: null, confirmation: null };

/** POST /auth/password: the current password and a new one; every other sign-in ends, this one goes on. */
export function PasswordChangeForm() {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [problems, setProblems] = useState<NewPasswordProblems>(NO_PROBLEMS);
  const [currentProblem, setCurrentProblem] = useState<"required" | "wrong" | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const current = String(form.get("current-password") ?? "");
    const password = String(form.get("new-password") ?? "");
    const found = checkNewPassword(password, String(form.get("confirmation") ?? ""));
    setProblems(found);
    setCurrentProblem(current ? null : "required");
    setDone(false);
    setError(null);
    if (!current || hasProblems(found)) return;
    setBusy(true);
    try {
      const { response, error: failure } = await api.POST("/api/v1/auth/password", {
        body: { current_password: current, new_password: password },
      });
      const code = apiErrorCode(failure);
      if (response.ok) {
        setDone(true);
        formElement.reset();
        router.refresh(); // the other sign-ins are gone from the list
      } else if (code === "invalid_credentials") setCurrentProblem("wrong");
      else if (code === "validation_error") setProblems({ password: "tooShort", confirmation: null });
      else setError(accountErrorText(t, failure));
    } catch {
      setError(accountErrorText(t, null));
    }
    setBusy(false);
  }

  const currentError =
    currentProblem === "required" ? t("account.password.currentRequired") : currentProblem === "wrong" ? t("account.password.wrongCurrent") : null;

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4" data-testid="password-form">
      <div>
        <label htmlFor={`${id}-current`} className="font-medium">
          {t("account.password.current")}
        </label>
        <input
          id={`${id}-current`}
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={currentError ? true : undefined}
          aria-describedby={currentError ? `${id}-current-error` : undefined}
          className={inputClass}
        />
        {currentError && (
          <p id={`${id}-current-error`} role="alert" data-testid="current-password-error" className="mt-1 text-sm text-red-700">
            {currentError}
          </p>
        )}
      </div>
      <NewPasswordFields problems={problems} />
      <div aria-live="polite" className="text-sm empty:hidden">
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
        {done && (
          <p role="status" data-testid="password-changed" className="text-green-800">
            {t("account.password.done")}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy} className={buttonClass}>
        {busy ? t("account.password.working") : t("account.password.submit")}
      </button>
    </form>
  );
}
