import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createBrowserClient, readCookie, refreshesOn401, withCsrf } from "./client";

// Node's Request rejects relative URLs; the browser resolves them against the page. Do the same here.
const NativeRequest = globalThis.Request;
class PageRequest extends NativeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" && input.startsWith("/") ? `http://tessera.test${input}` : input, init);
  }
}

type Call = { method: string; path: string; headers: Headers; body: string | null };

/** A fake fetch that answers from a queue per path and records every call (consuming bodies like fetch does). */
function fakeFetch(routes: Record<string, Array<() => Response>>) {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof NativeRequest ? input : new PageRequest(input, init);
    const path = new URL(request.url).pathname;
    const body = request.body ? await request.text() : null;
    calls.push({ method: request.method, path, headers: new Headers(request.headers), body });
    const next = routes[path]?.shift();
    return next ? next() : new Response(JSON.stringify({ status_code: 404, detail: "Not Found", code: "not_found" }), { status: 404 });
  }) as typeof fetch;
  return { fetcher, calls };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const unauthorized = json(401, { status_code: 401, detail: "Unauthorized", code: "not_authenticated" });

describe("readCookie", () => {
  it("finds a cookie among several and decodes it", () => {
    expect(readCookie("a=1; csrftoken=abc%3D%3D; lang=ru", "csrftoken")).toBe("abc==");
    expect(readCookie("lang=ru", "lang")).toBe("ru");
  });

  it("keeps '=' inside values and matches whole names only", () => {
    expect(readCookie("token=a=b=c", "token")).toBe("a=b=c");
    expect(readCookie("xcsrftoken=nope; csrftoken=yes", "csrftoken")).toBe("yes");
  });

  it("returns null when missing", () => {
    expect(readCookie("", "csrftoken")).toBeNull();
    expect(readCookie("lang=en", "csrftoken")).toBeNull();
  });
});

describe("withCsrf", () => {
  const cookies = "lang=en; csrftoken=tok123";

  it.each(["POST", "PUT", "PATCH", "DELETE", "post"])("adds X-CSRFToken for %s", (method) => {
    expect(withCsrf(method, new Headers(), cookies).get("X-CSRFToken")).toBe("tok123");
  });

  it.each(["GET", "HEAD", "OPTIONS"])("leaves safe method %s alone", (method) => {
    expect(withCsrf(method, new Headers(), cookies).has("X-CSRFToken")).toBe(false);
  });

  it("adds nothing without a csrftoken cookie", () => {
    expect(withCsrf("POST", new Headers(), "lang=en").has("X-CSRFToken")).toBe(false);
  });
});

describe("refreshesOn401", () => {
  it.each([
    "/api/v1/auth/login",
    "/api/v1/auth/register",
    "/api/v1/auth/refresh",
    "/api/v1/auth/token",
    "/api/v1/auth/logout",
    "/api/v1/auth/password-reset",
    "/api/v1/auth/password-reset/request",
    "/api/v1/auth/verify-email",
    "/api/v1/auth/2fa/verify",
  ])("never for the sign-in endpoint %s", (path) => {
    expect(refreshesOn401(`http://tessera.test${path}`)).toBe(false);
  });

  it.each([
    "/api/v1/auth/me",
    "/api/v1/auth/sessions",
    "/api/v1/auth/sessions/0b7c6c1e-1f0e-4a53-9d49-0d1c5a1b2c3d",
    "/api/v1/auth/password",
    "/api/v1/auth/verify-email/resend",
    "/api/v1/auth/me/export",
    "/api/v1/auth/2fa/setup",
    "/api/v1/auth/2fa/enable",
    "/api/v1/auth/2fa/disable",
    "/api/v1/bookings",
  ])("for %s, which acts for the signed-in account", (path) => {
    expect(refreshesOn401(`http://tessera.test${path}`)).toBe(true);
  });
});

describe("createBrowserClient", () => {
  beforeEach(() => {
    vi.stubGlobal("Request", PageRequest);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the CSRF header on unsafe requests only", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/notifications": [json(200, { items: [], total: 0, limit: 20, offset: 0, unread: 0 })],
      "/api/v1/notifications/read-all": [json(200, { marked: 0 })],
    });
    const client = createBrowserClient({ fetcher, cookies: () => "csrftoken=tok", onSignedOut: vi.fn() });
    await client.GET("/api/v1/notifications");
    await client.POST("/api/v1/notifications/read-all");
    expect(calls.map((c) => [c.method, c.headers.get("X-CSRFToken")])).toEqual([
      ["GET", null],
      ["POST", "tok"],
    ]);
  });

  it("on 401 refreshes once and retries once", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/notifications": [unauthorized, json(200, { items: [], total: 0, limit: 20, offset: 0, unread: 3 })],
      "/api/v1/auth/refresh": [json(200, {})],
    });
    const onSignedOut = vi.fn();
    const client = createBrowserClient({ fetcher, cookies: () => "csrftoken=tok", onSignedOut });
    const { data, error } = await client.GET("/api/v1/notifications");
    expect(error).toBeUndefined();
    expect(data?.unread).toBe(3);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /api/v1/notifications",
      "POST /api/v1/auth/refresh",
      "GET /api/v1/notifications",
    ]);
    expect(calls[1]?.headers.get("X-CSRFToken")).toBe("tok");
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it("does not loop when the retry is still 401", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/notifications": [unauthorized, unauthorized, unauthorized],
      "/api/v1/auth/refresh": [json(200, {}), json(200, {})],
    });
    const client = createBrowserClient({ fetcher, cookies: () => "", onSignedOut: vi.fn() });
    const { data, response } = await client.GET("/api/v1/notifications");
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(calls.filter((c) => c.path === "/api/v1/auth/refresh")).toHaveLength(1);
    expect(calls.filter((c) => c.path === "/api/v1/notifications")).toHaveLength(2);
  });

  it("signs out when the refresh fails, without retrying", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/notifications": [unauthorized],
      "/api/v1/auth/refresh": [unauthorized],
    });
    const onSignedOut = vi.fn();
    const client = createBrowserClient({ fetcher, cookies: () => "", onSignedOut });
    const { response } = await client.GET("/api/v1/notifications");
    expect(response.status).toBe(401);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /api/v1/notifications",
      "POST /api/v1/auth/refresh",
    ]);
  });

  it("never refreshes for a 401 from the auth endpoints themselves", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/auth/login": [json(401, { status_code: 401, detail: "Unauthorized", code: "invalid_credentials" })],
    });
    const onSignedOut = vi.fn();
    const client = createBrowserClient({ fetcher, cookies: () => "csrftoken=tok", onSignedOut });
    const { error } = await client.POST("/api/v1/auth/login", { body: { email: "a@b.c", password: "wrong" } });
    expect(error).toMatchObject({ code: "invalid_credentials" });
    expect(calls).toHaveLength(1);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it("refreshes for a 401 from an account endpoint that needs the sign-in", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/auth/sessions": [unauthorized, json(200, { items: [] })],
      "/api/v1/auth/refresh": [json(200, {})],
    });
    const client = createBrowserClient({ fetcher, cookies: () => "csrftoken=tok", onSignedOut: vi.fn() });
    const { data } = await client.GET("/api/v1/auth/sessions");
    expect(data?.items).toEqual([]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /api/v1/auth/sessions",
      "POST /api/v1/auth/refresh",
      "GET /api/v1/auth/sessions",
    ]);
  });

  it("shares one refresh between concurrent 401s", async () => {
    const ok = json(200, { items: [], total: 0, limit: 20, offset: 0, unread: 0 });
    const { fetcher, calls } = fakeFetch({
      "/api/v1/notifications": [unauthorized, unauthorized, ok, ok],
      "/api/v1/auth/refresh": [json(200, {})],
    });
    const client = createBrowserClient({ fetcher, cookies: () => "", onSignedOut: vi.fn() });
    const results = await Promise.all([client.GET("/api/v1/notifications"), client.GET("/api/v1/notifications")]);
    expect(results.map((r) => r.response.status)).toEqual([200, 200]);
    expect(calls.filter((c) => c.path === "/api/v1/auth/refresh")).toHaveLength(1);
  });

  // KNOWN BUG in client.ts: fetch consumes the request body, so `new Request(request, ...)` in onResponse throws
  // "Request object that has already been used" for any POST/PATCH with a body that gets a 401. Fix: keep
  // `request.clone()` from onRequest (e.g. a WeakMap keyed by the request) and retry from the clone. Once
  // fixed, change `it.fails` to `it`.
  it("retries a POST with its body after a refresh", async () => {
    const { fetcher, calls } = fakeFetch({
      "/api/v1/payments": [unauthorized, json(201, { id: "p1", status: "pending", redirect_url: "https://pay" })],
      "/api/v1/auth/refresh": [json(200, {})],
    });
    const client = createBrowserClient({ fetcher, cookies: () => "csrftoken=tok", onSignedOut: vi.fn() });
    const { data } = await client.POST("/api/v1/payments", { body: { booking_id: "b1" } });
    expect(data?.id).toBe("p1");
    const posts = calls.filter((c) => c.path === "/api/v1/payments");
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body).toBe(JSON.stringify({ booking_id: "b1" }));
    expect(posts[1]?.headers.get("X-CSRFToken")).toBe("tok");
  });
});
