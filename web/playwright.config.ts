import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (browser downloads are not possible here) against the real
// backend in embedded mode and the production build of this app, both started by global-setup.ts.
export const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3210);
export const API_PORT = Number(process.env.E2E_API_PORT ?? 8210);

export default defineConfig({
  testDir: "./e2e",
  // Only the browser flows: e2e/*.test.ts are vitest's unit tests of the flows' helpers.
  testMatch: /\.spec\.ts$/,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  projects: [
    // The sign-in limit test uses up, for a minute, the per-address sign-in budget of 127.0.0.1, which every
    // other flow signs in from, so it runs last: a project's teardown runs after it whatever the outcome.
    { name: "flows", testIgnore: /sign-in-limit\.spec\.ts$/, teardown: "sign-in limit" },
    { name: "sign-in limit", testMatch: /sign-in-limit\.spec\.ts$/ },
  ],
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
