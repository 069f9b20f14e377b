// Shared by the browser flows: demo accounts, direct backend calls for set-up, the backend's access log (and
// the sign-in budget read from it) and e-mails, and a `test` whose pages fail the test on any
// Content-Security-Policy violation on this site.
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test as base, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

import { API_PORT, WEB_PORT } from "../playwright.config";
import { linkIn, readMaildir, type StoredMail } from "./mail";

export const API = `http://127.0.0.1:${API_PORT}/api/v1`;
export const WEB = `http://127.0.0.1:${WEB_PORT}`;
export const DEMO_PASSWORD = "tessera-demo";
export const shots = "test-results/screenshots";

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Chromium reports every CSP refusal on the console ("Refused to ... violates ... Content Security Policy"). */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on("console", (message) => {
    const where = message.location().url || message.page()?.url() || "";
    if (/Content Security Policy/i.test(message.text()) && where.startsWith(WEB)) {
      violations.push(`${where}: ${message.text()}`);
    }
  });
  return violations;
}

const watched = new WeakMap<BrowserContext, string[]>();

/**
 * Every browser context of a test is watched, and the test fails on a violation (tests without a browser do
 * not start one for this). `cspViolations` is that list, for a test that provokes a violation on purpose.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  context: async ({ context }, use) => {
    const violations = watchCsp(context);
    watched.set(context, violations);
    await use(context);
    expect(violations, "Content-Security-Policy violations on this site").toEqual([]);
  },
  cspViolations: async ({ context }, use) => {
    await use(watched.get(context) ?? []);
  },
});

export { expect };

/** A bearer token straight from the backend (set-up only; the browser never sees one). */
export async function token(request: APIRequestContext, email: string): Promise<{ token: string; id: string }> {
  await waitForSignInBudget();
  const response = await request.post(`${API}/auth/token`, { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { access_token: string };
  const me = await request.get(`${API}/auth/me`, { headers: auth(body.access_token) });
  return { token: body.access_token, id: ((await me.json()) as { id: string }).id };
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await waitForSignInBudget();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

export type Listing = { eventId: string; sessionIds: string[]; ticketTypeId: string };

/**
 * A published listing with a free ticket type and one session per entry of `startsInMinutes` (each lasting
 * two hours). Demo sessions are days ahead, where check-in is closed; this one can start within the hour.
 */
export async function createListing(
  request: APIRequestContext,
  organizerToken: string,
  title: string,
  startsInMinutes: number[],
): Promise<Listing> {
  const created = async <T>(path: string, data: unknown): Promise<T> => {
    const response = await request.post(`${API}${path}`, { headers: auth(organizerToken), data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  const event = await created<{ id: string }>("/events", {
    title,
    description: "Doors open an hour before",
    category: "meetups",
    venue: { name: "Door Hall", address: "Abay Ave 1", city: "Almaty", country: "KZ", timezone: "Asia/Almaty" },
  });
  const sessionIds: string[] = [];
  for (const minutes of startsInMinutes) {
    const startsAt = new Date(Date.now() + minutes * 60_000);
    const session = await created<{ id: string }>(`/events/${event.id}/sessions`, {
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      capacity: 50,
    });
    sessionIds.push(session.id);
  }
  const ticketType = await created<{ id: string }>(`/events/${event.id}/ticket-types`, {
    name: "Free entry",
    price: 0,
    currency: "KZT",
  });
  await created(`/events/${event.id}/publish`, {});
  return { eventId: event.id, sessionIds, ticketTypeId: ticketType.id };
}

/** Books one free ticket and returns its code. */
export async function bookTicket(request: APIRequestContext, participantToken: string, listing: Listing, sessionId: string): Promise<string> {
  const response = await request.post(`${API}/bookings`, {
    headers: auth(participantToken),
    data: { session_id: sessionId, items: [{ ticket_type_id: listing.ticketTypeId, quantity: 1 }] },
  });
  expect(response.status(), await response.text()).toBe(201);
  const booking = (await response.json()) as { status: string; tickets: { code: string }[] };
  expect(booking.status).toBe("confirmed");
  return booking.tickets[0]!.code;
}

type AccessLogEntry = { method?: string; path?: string; request_id?: string; timestamp?: string };

/** The requests in the backend's access log (JSON lines; global-setup sends the log to a file). */
function backendRequests(): AccessLogEntry[] {
  const file = process.env.E2E_BACKEND_LOG;
  if (!file) throw new Error("E2E_BACKEND_LOG is not set: run through playwright.config.ts");
  const entries: AccessLogEntry[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as AccessLogEntry & { event?: string };
      if (entry.event === "request") entries.push(entry);
    } catch {
      // not one of the access log's lines
    }
  }
  return entries;
}

/** The paths the backend's access log shows requested, oldest first. */
export function backendRequestPaths(): string[] {
  return backendRequests().flatMap((entry) => (entry.path ? [entry.path] : []));
}

/** The request ids in the backend's access log. */
export function backendRequestIds(): Set<string> {
  return new Set(backendRequests().flatMap((entry) => (entry.request_id ? [entry.request_id] : [])));
}

/**
 * Sign-in attempts an address may make a minute (TESSERA_LOGIN_RATE_PER_IP, which global-setup.ts sets to
 * the backend's default): passwords, second-step codes, reset links and new accounts all count.
 */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 30;
const SIGN_IN_PATHS = new Set([
  "/api/v1/auth/login",
  "/api/v1/auth/token",
  "/api/v1/auth/register",
  "/api/v1/auth/2fa/verify",
  "/api/v1/auth/password-reset",
  "/api/v1/auth/verify-email",
]);
// Left free for the attempts flows make on their own (a wrong password typed on purpose, say).
const SIGN_IN_HEADROOM = 6;

/**
 * Every flow signs in from 127.0.0.1, and together they sign in faster than one address may. Before the next
 * `attempts` sign-in attempts, this waits until the backend's access log shows room for them in the last
 * minute (as a real client waits out Retry-After), so no flow trips the limit sign-in-limit.spec.ts tests.
 */
export async function waitForSignInBudget(attempts = 1): Promise<void> {
  const room = SIGN_IN_ATTEMPTS_PER_MINUTE - SIGN_IN_HEADROOM - attempts;
  for (;;) {
    const now = Date.now();
    const recent = backendRequests()
      .filter((entry) => entry.method === "POST" && SIGN_IN_PATHS.has(entry.path ?? ""))
      .map((entry) => Date.parse(entry.timestamp ?? ""))
      .filter((at) => at > now - 60_000)
      .sort((a, b) => a - b);
    if (recent.length <= room) return;
    // When enough of them have left the minute.
    const freeAt = recent[recent.length - room - 1]! + 60_000;
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(freeAt - now + 250, 250), 60_000)));
  }
}

/** The backend's Maildir (embedded mode writes every e-mail there). */
function maildir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through playwright.config.ts");
  return path.join(dir, "mail");
}

/**
 * Waits (polling, up to `timeoutMs`) for the newest e-mail to `to` with exactly `subject`, written no earlier
 * than `since` (ms since the epoch; e-mails are sent just after the request that causes them commits), and
 * returns it with the first link in its text.
 */
export async function waitForMail(
  to: string,
  subject: string,
  { since = 0, timeoutMs = 30_000 }: { since?: number; timeoutMs?: number } = {},
): Promise<StoredMail & { link: string }> {
  const address = to.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  // File times have whole-second precision on some file systems: allow for it.
  const from = since - 1_000;
  for (;;) {
    const mail = readMaildir(maildir()).find((m) => m.to.includes(address) && m.subject === subject && m.modifiedAt >= from);
    if (mail) {
      const link = linkIn(mail.text);
      if (!link) throw new Error(`The e-mail "${subject}" to ${to} has no link:\n${mail.text}`);
      return { ...mail, link };
    }
    if (Date.now() > deadline) throw new Error(`No e-mail "${subject}" to ${to} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Signs a new participant up through the sign-up page; the browser stays signed in. */
export async function signUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await waitForSignInBudget();
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(name);
}

/** Opens the link of the sign-up (or address change) e-mail sent to `email`, and waits for the confirmation. */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  const mail = await waitForMail(email, "Confirm your e-mail address");
  await page.goto(mail.link);
  await expect(page.getByTestId("verify-done")).toContainText(email);
}

export function uniqueRequestId(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
