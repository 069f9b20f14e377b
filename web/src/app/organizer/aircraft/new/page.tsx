import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { AircraftBuilder } from "@/components/organizer/aircraft/AircraftBuilder";
import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { Forbidden, isOrganizer } from "@/components/organizer/flights/page-guards";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function NewAircraftPage() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/organizer/aircraft/new");
  if (!isOrganizer(user)) return <Forbidden />;
  const t = await getTranslations();
  return (
    <section className="space-y-6">
      <OrganizerNav current="aircraft" />
      <Link href="/organizer/aircraft" className="text-blue-800 underline">
        {t("carrier.builder.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("carrier.builder.title")}</h1>
      <p className="text-slate-700">{t("carrier.builder.intro")}</p>
      <AircraftBuilder />
    </section>
  );
}
