// Shared by the browser flows: demo accounts, direct backend calls for set-up, the backend's access log,
// and a `test` whose pages fail the test on any Content-Security-Policy violation on this site.
import { readFileSync } from "node:fs";

import { expect, test as base, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

import { API_PORT, WEB_PORT } from "../playwright.config";

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
  const response = await request.post(`${API}/auth/token`, { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { access_token: string };
  const me = await request.get(`${API}/auth/me`, { headers: auth(body.access_token) });
  return { token: body.access_token, id: ((await me.json()) as { id: string }).id };
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
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

/** The request ids in the backend's access log (JSON lines; global-setup sends the log to a file). */
export function backendRequestIds(): Set<string> {
  const file = process.env.E2E_BACKEND_LOG;
  if (!file) throw new Error("E2E_BACKEND_LOG is not set: run through playwright.config.ts");
  const ids = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { event?: string; request_id?: string };
      if (entry.event === "request" && entry.request_id) ids.add(entry.request_id);
    } catch {
      // not one of the access log's lines
    }
  }
  return ids;
}

export function uniqueRequestId(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
