import { getTranslations } from "next-intl/server";

import { AuthForm } from "@/components/visitor/AuthForm";
import { safeNext } from "@/lib/safe-next";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations();
  const { next } = await searchParams;
  return (
    <section className="mx-auto max-w-sm space-y-6 py-4">
      <h1 className="text-2xl font-bold">{t("auth.loginTitle")}</h1>
      <AuthForm mode="login" next={safeNext(typeof next === "string" ? next : null)} />
    </section>
  );
}
