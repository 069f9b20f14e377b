import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { EventForm } from "@/components/organizer/EventForm";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function NewEventPage() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/organizer/events/new");
  const t = await getTranslations();

  if (user.role !== "organizer" && user.role !== "admin") {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t("org.forbidden.title")}</h1>
        <p className="mt-2 text-slate-700">{t("org.forbidden.body")}</p>
      </section>
    );
  }

  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <Link href="/organizer" className="text-sm text-blue-800 underline">
        {t("org.new.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("org.new.title")}</h1>
      <EventForm />
    </section>
  );
}
