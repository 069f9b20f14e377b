// What a role page shows instead of its content when the API answers 403 two_factor_required: the account's
// role needs two-factor sign-in (TESSERA_REQUIRE_2FA_ROLES) and it has not turned it on yet.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function TwoFactorRequiredNotice() {
  const t = useTranslations();
  return (
    <div role="alert" data-testid="two-factor-required" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p>{t("error.two_factor_required")}</p>
      <p>
        <Link href="/account#two-factor-title" className="font-medium underline">
          {t("account.twoFactor.requiredLink")}
        </Link>
      </p>
    </div>
  );
}
