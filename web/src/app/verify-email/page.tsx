import { getTranslations } from "next-intl/server";

import { VerifyEmail } from "@/components/account/VerifyEmail";
import { currentUser } from "@/lib/session";

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations();
  const { token } = await searchParams;
  const user = await currentUser();
  return (
    <section className="mx-auto max-w-lg space-y-6 py-4">
      <h1 className="text-2xl font-bold">{t("account.verify.title")}</h1>
      <VerifyEmail
        token={typeof token === "string" && token ? token : null}
        signedIn={user !== null}
        canResend={user !== null && (!user.email_verified || user.pending_email !== null)}
      />
    </section>
  );
}
