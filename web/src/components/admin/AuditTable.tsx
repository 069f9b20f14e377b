// The audit log's entries as a table: when, who, what, about which entity, from where, and each changed
// field as "field: before → after". An actor or an entity links to the log filtered by it.
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { Lang } from "@/i18n/catalogue";
import { auditChangeLines, auditHref, type AuditFilters } from "@/lib/admin/audit";
import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/time-zone";

type AuditEntry = components["schemas"]["AuditEntryRead"];

export function AuditTable({
  items,
  actors,
  filters,
  lang,
}: {
  items: AuditEntry[];
  /** Account names by id (null: not found). */
  actors: ReadonlyMap<string, string | null>;
  filters: AuditFilters;
  lang: Lang;
}) {
  const t = useTranslations();
  const words = { empty: t("admin.audit.emptyValue"), redacted: t("admin.audit.redacted") };
  const cell = "px-3 py-2 align-top";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid="audit-table" className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("admin.audit.caption")}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className={`${cell} font-semibold whitespace-nowrap`}>
              {t("admin.audit.time")}
            </th>
            <th scope="col" className={`${cell} font-semibold`}>
              {t("admin.audit.actor")}
            </th>
            <th scope="col" className={`${cell} font-semibold`}>
              {t("admin.audit.event")}
            </th>
            <th scope="col" className={`${cell} font-semibold`}>
              {t("admin.audit.entity")}
            </th>
            <th scope="col" className={`${cell} font-semibold`}>
              {t("admin.audit.address")}
            </th>
            <th scope="col" className={`${cell} font-semibold`}>
              {t("admin.audit.changes")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {items.map((item) => {
            const changes = auditChangeLines(item.changes, words);
            const actorName = item.actor_id ? (actors.get(item.actor_id) ?? null) : null;
            const entity = `${item.entity_type} ${item.entity_id}`;
            return (
              <tr key={item.id} data-testid="audit-entry" data-action={item.action}>
                <td className={`${cell} whitespace-nowrap`}>
                  <time dateTime={item.at}>{formatDateTime(item.at, "UTC", lang)}</time>
                </td>
                <td className={cell}>
                  {item.actor_id ? (
                    <Link
                      href={auditHref({ ...filters, actor_id: item.actor_id })}
                      title={t("admin.audit.byActor", { actor: actorName ?? item.actor_id })}
                      className="block text-blue-800 underline-offset-2 hover:underline"
                    >
                      {actorName && <span className="block font-medium">{actorName}</span>}
                      <span className="block font-mono text-xs break-all text-slate-600">{item.actor_id}</span>
                    </Link>
                  ) : (
                    <span className="text-slate-600">{t("admin.audit.system")}</span>
                  )}
                </td>
                <td className={`${cell} font-mono text-xs whitespace-nowrap`}>{item.action}</td>
                <td className={cell}>
                  <Link
                    href={auditHref({ entity_type: item.entity_type, entity_id: item.entity_id })}
                    title={t("admin.audit.byEntity", { entity })}
                    className="block text-blue-800 underline-offset-2 hover:underline"
                  >
                    <span className="block">{item.entity_type}</span>
                    <span className="block font-mono text-xs break-all text-slate-600">{item.entity_id}</span>
                  </Link>
                </td>
                <td className={`${cell} font-mono text-xs break-all`}>{item.ip || t("admin.audit.noAddress")}</td>
                <td className={cell}>
                  {changes.length === 0 ? (
                    t("admin.audit.noChanges")
                  ) : (
                    <ul data-testid="audit-changes" className="space-y-0.5 text-xs break-words">
                      {changes.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
