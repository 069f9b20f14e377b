// Under the header, for a signed-in account whose address is not confirmed yet: what it cannot do until then,
// and the link again.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { ResendVerificationButton } from "./ResendVerificationButton";

export function VerifyEmailBanner({ email }: { email: string }) {
  const t = useTranslations();
  return (
    <aside aria-label={t("account.verify.title")} data-testid="verify-email-banner" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm text-amber-950">
        <p className="min-w-0 break-words">{t("account.banner.text", { email })}</p>
        <ResendVerificationButton className="font-medium underline" />
        <Link href="/account" className="underline">
          {t("account.banner.settings")}
        </Link>
      </div>
    </aside>
  );
}
