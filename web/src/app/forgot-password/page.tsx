import { getTranslations } from "next-intl/server";

import { ForgotPasswordForm } from "@/components/account/ForgotPasswordForm";

export default async function ForgotPasswordPage() {
  const t = await getTranslations();
  return (
    <section className="mx-auto max-w-sm space-y-6 py-4">
      <h1 className="text-2xl font-bold">{t("account.forgot.title")}</h1>
      <ForgotPasswordForm />
    </section>
  );
}
