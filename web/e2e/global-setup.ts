// Starts a fresh backend (embedded mode: SQLite, in-process jobs, the FreedomPay emulator) seeded with demo
// data, and the production build of the web app; stops both when the run ends.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { API_PORT, WEB_PORT } from "../playwright.config";

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
    TESSERA_LOG_LEVEL: "WARNING",
    TESSERA_ARGON2_TIME_COST: "1",
    TESSERA_ARGON2_MEMORY_KIB: "1024",
    TESSERA_SANDBOX_DELAY_MS: "500",
  };
  for (const command of [["migrate"], ["seed-demo"]]) {
    const result = spawnSync(tessera, command, { env, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`tessera ${command.join(" ")} failed`);
  }
  // Each server leads its own process group, so stopping it also stops whatever it started.
  const children: ChildProcess[] = [
    spawn(tessera, ["serve"], { env, stdio: "inherit", detached: true }),
    spawn(path.resolve(__dirname, "..", "node_modules", ".bin", "next"), ["start", "-p", String(WEB_PORT), "-H", "127.0.0.1"], {
      cwd: path.resolve(__dirname, ".."),
      env: { ...process.env, TESSERA_API_URL: `http://127.0.0.1:${API_PORT}` },
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
