"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";

import { errorMessage } from "@/i18n/translate";
import { isTwoFactorChallenge } from "@/lib/account/two-factor";
import { api, errorCode } from "@/lib/api/client";
import { safeNext } from "@/lib/safe-next";

import { TwoFactorStep } from "./TwoFactorStep";

type Challenge = { value: string; startedAt: number };

/**
 * Logging in or signing up. Logging in to an account with two-factor sign-in takes a second step: the
 * password earns a challenge (POST /auth/login answers {two_factor_required, challenge} and sets no cookie),
 * which TwoFactorStep trades with a code for the session; then both ways go on alike, to `next`.
 */
export function AuthForm({ mode, next }: { mode: "login" | "signup"; next: string | null }) {
  const router = useRouter();
  const t = useTranslations();
  const lang = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState("");
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [restarted, setRestarted] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const target = safeNext(next);

  // Back from the second step: the address is kept, the password is typed again.
  useEffect(() => {
    if (restarted && !challenge) passwordInput.current?.focus();
  }, [restarted, challenge]);

  function signedIn() {
    router.push(target ?? "/");
    router.refresh();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setEmail(email);
    setError(null);
    setBusy(true);
    try {
      const result =
        mode === "signup"
          ? await api.POST("/api/v1/auth/register", {
              body: { email, password, name: String(form.get("name") ?? "").trim(), language: lang, role: "participant" },
            })
          : await api.POST("/api/v1/auth/login", { body: { email, password } });
      if (!result.data) {
        const code = errorCode(result.error) ?? (result.response.status === 400 ? "validation_error" : null);
        setError(errorMessage(t, code));
        setBusy(false);
        return;
      }
      if (isTwoFactorChallenge(result.data)) {
        setChallenge({ value: result.data.challenge, startedAt: Date.now() });
        setBusy(false);
        return;
      }
      signedIn();
    } catch {
      setError(errorMessage(t, null));
      setBusy(false);
    }
  }

  const input =
    "w-full rounded border border-slate-300 bg-white px-3 py-2 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";
  const otherHref = `${mode === "signup" ? "/login" : "/signup"}${target ? `?next=${encodeURIComponent(target)}` : ""}`;

  if (challenge) {
    return (
      <TwoFactorStep
        challenge={challenge.value}
        startedAt={challenge.startedAt}
        onSignedIn={signedIn}
        onRestart={(message) => {
          setChallenge(null);
          setRestarted(true);
          setError(message);
        }}
      />
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" data-testid={`${mode}-form`} noValidate>
      {mode === "signup" && (
        <div>
          <label htmlFor="auth-name" className="mb-1 block font-medium">
            {t("auth.name")}
          </label>
          <input id="auth-name" name="name" type="text" autoComplete="name" required maxLength={200} className={input} />
        </div>
      )}
      <div>
        <label htmlFor="auth-email" className="mb-1 block font-medium">
          {t("auth.email")}
        </label>
        <input id="auth-email" name="email" type="email" autoComplete="email" required defaultValue={email} className={input} />
      </div>
      <div>
        <label htmlFor="auth-password" className="mb-1 block font-medium">
          {t("auth.password")}
        </label>
        <input
          ref={passwordInput}
          id="auth-password"
          name="password"
          type="password"
          autoComplete={mode === "signup" ? "new-password" : "current-password"}
          required
          minLength={mode === "signup" ? 8 : undefined}
          aria-describedby={mode === "signup" ? "auth-password-hint" : undefined}
          className={input}
        />
        {mode === "signup" && (
          <p id="auth-password-hint" className="mt-1 text-sm text-slate-600">
            {t("auth.passwordHint")}
          </p>
        )}
        {mode === "login" && (
          <p className="mt-1 text-sm">
            <Link href="/forgot-password" className="underline">
              {t("auth.forgotPassword")}
            </Link>
          </p>
        )}
      </div>
      <div role="alert" aria-live="polite" data-testid="auth-error" className="text-sm text-red-700 empty:hidden">
        {error}
      </div>
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded bg-blue-700 px-4 py-2.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {mode === "signup" ? t("auth.signup") : t("auth.login")}
      </button>
      <p className="text-center text-sm">
        {mode === "signup" ? t("auth.haveAccount") : t("auth.noAccount")}{" "}
        <Link href={otherHref} className="underline">
          {mode === "signup" ? t("auth.login") : t("auth.signup")}
        </Link>
      </p>
    </form>
  );
}
