export type AuditVerdict =
  | { kind: "report"; blocking: string[]; unfixable: string[] }
  | { kind: "no-service"; status: number }
  | { kind: "error"; message: string };
export function auditVerdict(report: unknown): AuditVerdict;
