import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";

import { NotificationList } from "@/components/visitor/NotificationList";
import { serverApi } from "@/lib/api/server";

export default async function NotificationsPage() {
  const t = await getTranslations();
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/notifications", { params: { query: { limit: 50 } } });
  if (response.status === 401) redirect("/login?next=/notifications");
  if (!data) throw new Error(`Could not load notifications (${response.status})`);
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
      <NotificationList initialItems={data.items} initialUnread={data.unread} />
    </section>
  );
}
