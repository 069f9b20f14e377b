// What the carrier pages show instead of their content: organizers only, or a load failure with a way back.
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { Me } from "@/lib/session";

export function isOrganizer(user: Me): boolean {
  return user.role === "organizer" || user.role === "admin";
}

export function Forbidden() {
  const t = useTranslations();
  return (
    <section className="py-12 text-center">
      <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
      <p className="mt-2 text-slate-700">{t("org.forbidden.body")}</p>
    </section>
  );
}

export function LoadFailed({ href, back }: { href: string; back: string }) {
  const t = useTranslations();
  return (
    <section className="space-y-4 py-8">
      <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
        {t("org.loadFailed")}
      </p>
      <Link href={href} className="text-blue-800 underline">
        {back}
      </Link>
    </section>
  );
}
