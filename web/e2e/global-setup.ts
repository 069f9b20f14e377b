// Starts a fresh backend (embedded mode: SQLite, in-process jobs, the FreedomPay emulator) seeded with demo
// data, and the production build of the web app behind its own server (server/start.mjs, as `npm start`
// and the container run it); stops both when the run ends. The backend's log (with its access log, which
// tests read to show a request never reached it) goes to a file named in E2E_BACKEND_LOG.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { API_PORT, WEB_PORT } from "../playwright.config";
import { DEMO_PASSWORD, SIGN_IN_ATTEMPTS_PER_MINUTE } from "./support";

const root = path.resolve(__dirname, "..", "..");
const tessera = path.join(root, "backend", ".venv", "bin", "tessera");

async function waitFor(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A server left over from another run would be tested instead of this build: refuse to start.
  for (const port of [API_PORT, WEB_PORT]) {
    if (await answers(`http://127.0.0.1:${port}/`)) throw new Error(`port ${port} is already in use`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "tessera-e2e-"));
  const env = {
    ...process.env,
    TESSERA_DATA_DIR: dataDir,
    TESSERA_PORT: String(API_PORT),
    TESSERA_PUBLIC_URL: `http://127.0.0.1:${WEB_PORT}`,
    TESSERA_LOG_LEVEL: "INFO",
    TESSERA_LOG_FORMAT: "json",
    TESSERA_ARGON2_TIME_COST: "1",
    TESSERA_ARGON2_MEMORY_KIB: "1024",
    TESSERA_SANDBOX_DELAY_MS: "500",
    // seed-demo makes up a password for the demo accounts unless told one; the flows sign in with this.
    TESSERA_DEMO_PASSWORD: DEMO_PASSWORD,
    // The backend's default, pinned for sign-in-limit.spec.ts; the other flows keep under it by waiting for
    // room before they sign in (support.ts waitForSignInBudget).
    TESSERA_LOGIN_RATE_PER_IP: `${SIGN_IN_ATTEMPTS_PER_MINUTE}/minute`,
  };
  for (const command of [["migrate"], ["seed-demo"]]) {
    const result = spawnSync(tessera, command, { env, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`tessera ${command.join(" ")} failed`);
  }
  const backendLog = path.join(dataDir, "backend.log");
  const logFile = openSync(backendLog, "a");
  process.env.E2E_BACKEND_LOG = backendLog; // the test workers inherit it
  process.env.E2E_DATA_DIR = dataDir; // as this: the e-mails are in its mail/ Maildir (support.ts waitForMail)
  console.log(`backend log: ${backendLog}`);
  // Each server leads its own process group, so stopping it also stops whatever it started.
  const children: ChildProcess[] = [
    spawn(tessera, ["serve"], { env, stdio: ["ignore", logFile, logFile], detached: true }),
    spawn(process.execPath, ["server/start.mjs", "-p", String(WEB_PORT), "-H", "127.0.0.1"], {
      cwd: path.resolve(__dirname, ".."),
      // No trusted edge proxy in front: every client is reported as the address it connects from.
      env: { ...process.env, TESSERA_API_URL: `http://127.0.0.1:${API_PORT}`, TESSERA_WEB_TRUSTED_PROXIES: "", TESSERA_ENV: "" },
      stdio: "inherit",
      detached: true,
    }),
  ];
  const stop = () => {
    for (const child of children) {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    }
  };
  process.once("exit", stop);
  await waitFor(`http://127.0.0.1:${API_PORT}/health/ready`, 60);
  await waitFor(`http://127.0.0.1:${WEB_PORT}/`, 60);
  return async () => stop();
}
