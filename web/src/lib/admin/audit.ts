// The admin audit log page: its filters as they travel in the page's URL and on to GET /admin/audit, and an
// entry's changes in words ("price: 1000 → 1500").

/** Suggestions for the action filter (any action may be typed): the ones asked about most. */
export const COMMON_AUDIT_ACTIONS = [
  "account.created",
  "account.deleted",
  "account.role_changed",
  "account.password_changed",
  "account.2fa_enabled",
  "account.2fa_disabled",
  "account.2fa_reset",
  "listing.created",
  "listing.published",
  "listing.cancelled",
  "session.cancelled",
  "ticket_type.price_changed",
  "booking.cancelled",
  "payment.confirmed",
  "refund.requested",
  "ticket.checked_in",
  "review.moderated",
  "departure.changed",
  "departure.cancelled",
  "manifest.revealed",
  "party.created",
  "backup.created",
] as const;

/** Entity types (the part of an action before its dot), as suggestions for their filter. */
export const COMMON_AUDIT_ENTITY_TYPES = [
  ...new Set(COMMON_AUDIT_ACTIONS.map((action) => action.slice(0, action.indexOf(".")))),
] as readonly string[];

/** Entries on one page of the log. */
export const AUDIT_PAGE_SIZE = 50;

/** What the API writes instead of a secret or personal value. */
export const REDACTED = "[redacted]";

// The filters' names in the page's URL (the API's own), and the longest value the API takes for each.
export const AUDIT_TEXT_FILTERS = { action: 60, entity_type: 30, entity_id: 64 } as const;
type TextFilter = keyof typeof AUDIT_TEXT_FILTERS;

export type AuditFilters = {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_id: string;
  since: string;
  until: string;
};

export type AuditFilterProblem = "actor_id" | "since" | "until" | "range";

export type AuditQuery = {
  limit: number;
  offset: number;
  action?: string;
  entity_type?: string;
  entity_id?: string;
  actor_id?: string;
  since?: string;
  until?: string;
};

type SearchParams = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (what a date input sends). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The start (00:00 UTC) of a YYYY-MM-DD day, optionally some days later, as ISO 8601. */
export function utcDayStart(value: string, plusDays = 0): string {
  const date = new Date(`${value}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}

/**
 * The page's URL parameters read as filters (to fill the form again), the problems of those it cannot use
 * (left out of the query), the page number, and the API query: dates are whole UTC days, both included.
 */
export function readAuditFilters(params: SearchParams): {
  filters: AuditFilters;
  problems: AuditFilterProblem[];
  page: number;
  query: AuditQuery;
} {
  const filters: AuditFilters = {
    action: first(params.action).slice(0, AUDIT_TEXT_FILTERS.action),
    entity_type: first(params.entity_type).slice(0, AUDIT_TEXT_FILTERS.entity_type),
    entity_id: first(params.entity_id).slice(0, AUDIT_TEXT_FILTERS.entity_id),
    actor_id: first(params.actor_id),
    since: first(params.since),
    until: first(params.until),
  };
  const page = Math.max(1, Math.min(Number.parseInt(first(params.page), 10) || 1, 10_000));
  const problems: AuditFilterProblem[] = [];
  const query: AuditQuery = { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE };
  for (const name of Object.keys(AUDIT_TEXT_FILTERS) as TextFilter[]) {
    if (filters[name]) query[name] = filters[name];
  }
  if (filters.actor_id) {
    if (UUID.test(filters.actor_id)) query.actor_id = filters.actor_id.toLowerCase();
    else problems.push("actor_id");
  }
  const since = filters.since && isIsoDate(filters.since) ? filters.since : null;
  const until = filters.until && isIsoDate(filters.until) ? filters.until : null;
  if (filters.since && !since) problems.push("since");
  if (filters.until && !until) problems.push("until");
  if (since && until && since > until) problems.push("range");
  else {
    if (since) query.since = utcDayStart(since);
    if (until) query.until = utcDayStart(until, 1);
  }
  return { filters, problems, page, query };
}

/** The page's own URL for `filters` at `page` (empty filters and page 1 left out). */
export function auditHref(filters: Partial<AuditFilters>, page = 1): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value) params.set(name, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

/** How many pages `total` entries fill (at least one). */
export function pageCount(total: number, size = AUDIT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

export type ChangeWords = { empty: string; redacted: string };

/** One value of a change as text: nothing reads `words.empty`, a secret `words.redacted`, the rest as JSON would. */
export function auditValueText(value: unknown, words: ChangeWords): string {
  if (value === null || value === undefined || value === "") return words.empty;
  if (value === REDACTED) return words.redacted;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? words.empty;
  } catch {
    return String(value);
  }
}

/** One changed field as "field: before → after" (a value in any other shape is shown as it came). */
export function auditChangeText(field: string, change: unknown, words: ChangeWords): string {
  if (Array.isArray(change) && change.length === 2) {
    return `${field}: ${auditValueText(change[0], words)} → ${auditValueText(change[1], words)}`;
  }
  return `${field}: ${auditValueText(change, words)}`;
}

/** Every changed field of an entry, in field order. */
export function auditChangeLines(changes: Record<string, unknown> | null | undefined, words: ChangeWords): string[] {
  return Object.keys(changes ?? {})
    .sort()
    .map((field) => auditChangeText(field, changes![field], words));
}
