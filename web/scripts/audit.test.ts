import { describe, expect, it } from "vitest";

import { auditVerdict } from "./audit.mjs";

// The shape of `npm audit --json` (report version 2).
function report(vulnerabilities: Record<string, { severity: string; range: string; fixAvailable: unknown }>) {
  return {
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, v]) => [name, { name, isDirect: false, via: [], effects: [], nodes: [`node_modules/${name}`], ...v }]),
    ),
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } },
  };
}

describe("auditVerdict", () => {
  it("blocks high and critical vulnerabilities that have a fix", () => {
    const verdict = auditVerdict(
      report({
        next: { severity: "critical", range: "15.0.0 - 15.2.2", fixAvailable: { name: "next", version: "15.2.3", isSemVerMajor: false } },
        "cross-spawn": { severity: "high", range: "<7.0.5", fixAvailable: true },
        "old-parser": { severity: "high", range: "*", fixAvailable: false },
        lodash: { severity: "moderate", range: "<4.17.21", fixAvailable: true },
        debug: { severity: "low", range: "<2.6.9", fixAvailable: true },
      }),
    );
    expect(verdict).toEqual({
      kind: "report",
      blocking: ["next 15.0.0 - 15.2.2 (critical)", "cross-spawn <7.0.5 (high)"],
      unfixable: ["old-parser * (high)"],
    });
  });

  it("passes a clean report", () => {
    expect(auditVerdict(report({}))).toEqual({ kind: "report", blocking: [], unfixable: [] });
  });

  it("tells a registry without an audit service from a failed audit", () => {
    const noService = { message: "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk", statusCode: 405, error: { summary: "" } };
    expect(auditVerdict(noService)).toEqual({ kind: "no-service", status: 405 });
    const offline = { message: "request to https://registry.example/ failed, reason: getaddrinfo ENOTFOUND", code: "ENOTFOUND" };
    expect(auditVerdict(offline)).toMatchObject({ kind: "error", message: expect.stringContaining("ENOTFOUND") });
    expect(auditVerdict({ statusCode: 500, message: "500 Internal Server Error" })).toMatchObject({ kind: "error" });
    expect(auditVerdict(null)).toMatchObject({ kind: "error" });
  });
});
