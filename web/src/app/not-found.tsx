import Link from "next/link";

import { translate } from "@/lib/i18n";
import { currentLang } from "@/lib/i18n-server";

export default async function NotFound() {
  const lang = await currentLang();
  return (
    <section className="py-16 text-center">
      <h1 className="text-2xl font-bold">404</h1>
      <p className="mt-2">{translate(lang, "common.notFound")}</p>
      <Link className="mt-4 inline-block underline" href="/">
        {translate(lang, "common.back")}
      </Link>
    </section>
  );
}
