import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <section className="py-16 text-center">
      <h1 className="text-2xl font-bold">404</h1>
      <p className="mt-2">{t("common.notFound")}</p>
      <Link className="mt-4 inline-block underline" href="/">
        {t("common.back")}
      </Link>
    </section>
  );
}
