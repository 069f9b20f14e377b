// `npm audit` for `make test`: fails on a high or critical vulnerability that has a fix (update the
// dependency); one without any fix yet is listed as a warning, since nothing can be done but wait.
// A registry that has no audit service at all (mirrors often answer its endpoint with 404/405) leaves the
// dependencies unchecked: that is reported loudly and fails only where TESSERA_REQUIRE_NPM_AUDIT=1 says the
// service must be there.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BLOCKING = new Set(["high", "critical"]);
const NO_AUDIT_SERVICE = new Set([404, 405, 501]);

/**
 * What an `npm audit --json` report means for the build.
 * @param {unknown} report
 * @returns {{ kind: "report", blocking: string[], unfixable: string[] } | { kind: "no-service", status: number } | { kind: "error", message: string }}
 */
export function auditVerdict(report) {
  if (!report || typeof report !== "object") return { kind: "error", message: "npm audit printed no report" };
  const record = /** @type {Record<string, unknown>} */ (report);
  if (typeof record.auditReportVersion !== "number") {
    const status = typeof record.statusCode === "number" ? record.statusCode : null;
    if (status !== null && NO_AUDIT_SERVICE.has(status)) return { kind: "no-service", status };
    const message = typeof record.message === "string" ? record.message : JSON.stringify(record.error ?? record);
    return { kind: "error", message };
  }
  const blocking = [];
  const unfixable = [];
  const vulnerabilities = /** @type {Record<string, { severity?: string, fixAvailable?: unknown, range?: string }>} */ (
    record.vulnerabilities ?? {}
  );
  for (const [name, vulnerability] of Object.entries(vulnerabilities)) {
    if (!BLOCKING.has(vulnerability.severity ?? "")) continue;
    const line = `${name} ${vulnerability.range ?? ""} (${vulnerability.severity})`.replace(/\s+\(/, " (");
    if (vulnerability.fixAvailable === false) unfixable.push(line);
    else blocking.push(line);
  }
  return { kind: "report", blocking, unfixable };
}

function main() {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const run = spawnSync("npm", ["audit", "--json"], { cwd: web, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let report = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = { message: (run.stderr || run.error?.message || "npm audit failed").trim() };
  }
  const verdict = auditVerdict(report);
  if (verdict.kind === "no-service") {
    const required = process.env.TESSERA_REQUIRE_NPM_AUDIT === "1";
    console.error(
      `npm audit: the registry has no audit service (HTTP ${verdict.status}); the web app's dependencies were NOT checked` +
        (required ? "." : " (set TESSERA_REQUIRE_NPM_AUDIT=1 to make this fail)."),
    );
    process.exit(required ? 1 : 0);
  }
  if (verdict.kind === "error") {
    console.error(`npm audit could not run: ${verdict.message}`);
    process.exit(1);
  }
  for (const line of verdict.unfixable) console.warn(`npm audit: no fix yet for ${line}`);
  if (verdict.blocking.length > 0) {
    console.error("npm audit: high or critical vulnerabilities with a fix (run `npm audit fix` or update them):");
    for (const line of verdict.blocking) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log("npm audit: no high or critical vulnerability with a fix available");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
