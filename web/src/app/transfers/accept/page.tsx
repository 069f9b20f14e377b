import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { AcceptTransfer } from "@/components/visitor/transfers/AcceptTransfer";
import { currentUser } from "@/lib/session";
import { tokenFromQuery } from "@/lib/transfers/transfers";

// The link carries a token: keep the page out of search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function AcceptTransferPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations();
  const { token } = await searchParams;
  const user = await currentUser();
  return (
    <section className="mx-auto max-w-lg space-y-6 py-4">
      <h1 className="text-2xl font-bold">{t("transfers.accept.title")}</h1>
      <AcceptTransfer token={tokenFromQuery(token)} signedInAs={user?.email ?? null} />
    </section>
  );
}
