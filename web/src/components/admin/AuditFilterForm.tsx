// The audit log's filters: a plain GET form, so the filters live in the page's URL (a filtered view can be
// shared or bookmarked) and work before any script runs.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { AUDIT_TEXT_FILTERS, COMMON_AUDIT_ACTIONS, COMMON_AUDIT_ENTITY_TYPES, type AuditFilters } from "@/lib/admin/audit";

const input =
  "w-full rounded border border-slate-300 bg-white px-3 py-2 focus:border-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

export function AuditFilterForm({ filters }: { filters: AuditFilters }) {
  const t = useTranslations();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label={t("admin.audit.filters")}
      data-testid="audit-filters"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <div>
        <label htmlFor="audit-action" className="mb-1 block text-sm font-medium">
          {t("admin.audit.action")}
        </label>
        <input
          id="audit-action"
          name="action"
          type="text"
          list="audit-actions"
          maxLength={AUDIT_TEXT_FILTERS.action}
          defaultValue={filters.action}
          aria-describedby="audit-action-hint"
          spellCheck={false}
          className={`${input} font-mono text-sm`}
        />
        <datalist id="audit-actions">
          {COMMON_AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <p id="audit-action-hint" className="mt-1 text-xs text-slate-600">
          {t("admin.audit.actionHint")}
        </p>
      </div>
      <div>
        <label htmlFor="audit-entity-type" className="mb-1 block text-sm font-medium">
          {t("admin.audit.entityType")}
        </label>
        <input
          id="audit-entity-type"
          name="entity_type"
          type="text"
          list="audit-entity-types"
          maxLength={AUDIT_TEXT_FILTERS.entity_type}
          defaultValue={filters.entity_type}
          aria-describedby="audit-entity-type-hint"
          spellCheck={false}
          className={`${input} font-mono text-sm`}
        />
        <datalist id="audit-entity-types">
          {COMMON_AUDIT_ENTITY_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <p id="audit-entity-type-hint" className="mt-1 text-xs text-slate-600">
          {t("admin.audit.entityTypeHint")}
        </p>
      </div>
      <div>
        <label htmlFor="audit-entity-id" className="mb-1 block text-sm font-medium">
          {t("admin.audit.entityId")}
        </label>
        <input
          id="audit-entity-id"
          name="entity_id"
          type="text"
          maxLength={AUDIT_TEXT_FILTERS.entity_id}
          defaultValue={filters.entity_id}
          spellCheck={false}
          className={`${input} font-mono text-sm`}
        />
      </div>
      <div>
        <label htmlFor="audit-actor" className="mb-1 block text-sm font-medium">
          {t("admin.audit.actorId")}
        </label>
        <input
          id="audit-actor"
          name="actor_id"
          type="text"
          maxLength={36}
          defaultValue={filters.actor_id}
          aria-describedby="audit-actor-hint"
          spellCheck={false}
          className={`${input} font-mono text-sm`}
        />
        <p id="audit-actor-hint" className="mt-1 text-xs text-slate-600">
          {t("admin.audit.actorIdHint")}
        </p>
      </div>
      <div>
        <label htmlFor="audit-since" className="mb-1 block text-sm font-medium">
          {t("admin.audit.since")}
        </label>
        <input id="audit-since" name="since" type="date" defaultValue={filters.since} className={input} />
      </div>
      <div>
        <label htmlFor="audit-until" className="mb-1 block text-sm font-medium">
          {t("admin.audit.until")}
        </label>
        <input id="audit-until" name="until" type="date" defaultValue={filters.until} className={input} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="rounded bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800">
          {t("admin.audit.apply")}
        </button>
        {filtered && (
          <Link href="/admin/audit" className="text-sm underline">
            {t("admin.audit.clear")}
          </Link>
        )}
      </div>
    </form>
  );
}
