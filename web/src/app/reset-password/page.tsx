import { getTranslations } from "next-intl/server";

import { InvalidResetLink, ResetPasswordForm } from "@/components/account/ResetPasswordForm";

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations();
  const { token } = await searchParams;
  return (
    <section className="mx-auto max-w-sm space-y-6 py-4">
      <h1 className="text-2xl font-bold">{t("account.reset.title")}</h1>
      {typeof token === "string" && token ? <ResetPasswordForm token={token} /> : <InvalidResetLink text={t("account.reset.missing")} />}
    </section>
  );
}
