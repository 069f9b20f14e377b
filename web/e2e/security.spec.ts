import { request as httpRequest } from "node:http";

import {
  API,
  DEMO_PASSWORD,
  WEB,
  auth,
  backendRequestIds,
  expect,
  logIn,
  test,
  token,
  uniqueRequestId,
} from "./support";

const MiB = 1024 * 1024;

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * A request sent exactly as written: Playwright's request API (like browsers) resolves dot segments and
 * backslashes before sending, and sends bodies with a Content-Length; `chunks` goes out chunked instead.
 */
function rawRequest(
  target: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {},
): Promise<RawResponse> {
  const web = new URL(WEB);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: web.hostname, port: web.port, path: target, method: options.method ?? "GET", headers: options.headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}

/** Waits for the backend's access log to show `present`, then checks none of `absent` is there. */
async function expectBackendSaw(present: string, absent: string[]): Promise<void> {
  await expect.poll(() => backendRequestIds().has(present), { message: `backend log shows ${present}` }).toBe(true);
  const seen = backendRequestIds();
  expect(absent.filter((id) => seen.has(id)), "refused requests that reached the backend").toEqual([]);
}

test("pages and API responses carry the security headers, with a fresh script nonce on every page", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const html = await first.text();
  const policy = first.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("unsafe-inline");
  // Next.js put the nonce on every script it wrote into the page.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const responses = {
    page: first,
    "missing page": await request.get("/no/such/page"),
    "health check": await request.get("/healthz"),
    "API response": await request.get("/api/v1/events?limit=1"),
    "refused API path": await request.get("/api/metrics"),
  };
  for (const [what, response] of Object.entries(responses)) {
    const headers = response.headers();
    expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    // This site runs on plain http here (TESSERA_ENV is not production).
    expect(headers["strict-transport-security"], what).toBeUndefined();
  }
  expect(responses["API response"].headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("the main pages run under the policy, which blocks a script without the nonce", async ({ page, request, cspViolations }) => {
  const organizer = await token(request, "organizer@demo.tessera.test");
  const listings = (await (await request.get(`${API}/organizer/events`, { headers: auth(organizer.token) })).json()) as {
    items: { id: string }[];
  };
  const eventId = listings.items[0]!.id;
  const event = (await (await request.get(`${API}/events/${eventId}`)).json()) as { sessions: { id: string }[] };

  await page.goto("/signup");
  await expect(page.getByRole("button", { name: "Sign up" })).toBeVisible();
  await logIn(page, "organizer@demo.tessera.test");
  for (const url of [
    "/",
    `/events/${eventId}`,
    "/bookings",
    "/notifications",
    "/organizer",
    `/organizer/events/${eventId}`,
    `/organizer/sessions/${event.sessions[0]!.id}`,
    "/organizer/events/new",
    "/account",
    "/forgot-password",
    "/reset-password",
    "/verify-email",
  ]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("signed-in-as"), url).toBeVisible();
  }
  // (Signing in above already needed the page's scripts: without them the form would not post to the API.)
  expect(cspViolations).toEqual([]);

  // Markup injected into the page cannot run script (here an event handler, the usual way in), and the
  // refusal is reported, so the watch above would have noticed any other.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image.png" onerror="window.injected = true">');
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.join("\n")).toContain("script-src");
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  cspViolations.length = 0;
});

test("the /api proxy reaches only the backend's /api/v1, and refuses other paths without asking it", async ({ request }) => {
  // The backend does serve these, so a 404 from the web app is the web app's own refusal.
  for (const path of ["/metrics", "/schema"]) {
    expect((await request.get(`http://127.0.0.1:${new URL(API).port}${path}`)).status(), path).toBe(200);
  }
  const refused: string[] = [];
  const targets = [
    "/api/metrics",
    "/api/schema",
    "/api/sandbox/freedompay/pay/1",
    "/api/v2/events",
    "/api/v1/../metrics",
    "/api/v1/events/../../metrics",
    "/api/v1/events/../auth/me",
    "/api/v1/./events",
    "/api/v1/%2e%2e/%2e%2e/metrics",
    "/api/v1/%2E%2E/metrics",
    "/api/v1/events/%2e%2E/auth/me",
    "/api/v1/%252e%252e/%252e%252e/metrics",
    "/api/v1/%25252e%25252e/metrics",
    "/api/v1/events%2f..%2f..%2fmetrics",
    "/api/v1/events%2F..%2F..%2Fmetrics",
    "/api/v1/events%5c..%5c..%5cmetrics",
    "/api/v1/events\\..\\..\\metrics",
    "/api\\v1\\events",
    "/api/v1//events",
    "//api/v1/events",
    "/api/v1/events%00",
  ];
  for (const target of targets) {
    const id = uniqueRequestId("path");
    refused.push(id);
    const response = await rawRequest(target, { headers: { "x-request-id": id } });
    expect(response.status, target).toBe(404);
    expect(JSON.parse(response.body), target).toMatchObject({ code: "not_found" });
    expect(response.headers["x-request-id"], `${target} was answered by the backend`).toBeUndefined();
  }
  for (const target of ["/metrics", "/schema", "/schema/openapi.json", "/sandbox/freedompay/pay/1"]) {
    const id = uniqueRequestId("site");
    refused.push(id);
    expect((await rawRequest(target, { headers: { "x-request-id": id } })).status, target).toBe(404);
  }
  const allowed = uniqueRequestId("allowed");
  expect((await rawRequest("/api/v1/events?limit=1", { headers: { "x-request-id": allowed } })).status).toBe(200);
  await expectBackendSaw(allowed, refused);
});

test("request bodies over 1 MiB are refused with 413, also when sent chunked", async ({ request }) => {
  const login = "/api/v1/auth/login";
  const declared = uniqueRequestId("declared");
  const tooLarge = await request.post(login, {
    headers: { "content-type": "application/json", "x-request-id": declared },
    data: Buffer.alloc(MiB + 1, "a"),
  });
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.json()).toMatchObject({ code: "request_too_large" });

  // No Content-Length to check up front: the proxy counts what arrives.
  const chunked = uniqueRequestId("chunked");
  const streamed = await rawRequest(login, {
    method: "POST",
    headers: { "content-type": "application/json", "transfer-encoding": "chunked", "x-request-id": chunked },
    chunks: [Buffer.alloc(MiB / 2, "a"), Buffer.alloc(MiB / 2, "a"), Buffer.alloc(1, "a")],
  });
  expect(streamed.status).toBe(413);
  expect(JSON.parse(streamed.body)).toMatchObject({ code: "request_too_large" });

  // Exactly 1 MiB is let through (the backend then refuses it as malformed JSON).
  const atLimit = uniqueRequestId("at-limit");
  const passed = await rawRequest(login, {
    method: "POST",
    headers: { "content-type": "application/json", "transfer-encoding": "chunked", "x-request-id": atLimit },
    chunks: [Buffer.alloc(MiB / 2, "a"), Buffer.alloc(MiB / 2, "a")],
  });
  expect(passed.status).not.toBe(413);
  await expectBackendSaw(atLimit, [declared, chunked]);
});

test("after signing in, next= leads only to pages of this site", async ({ page }) => {
  for (const next of ["//evil.example", "/%09/evil.example", "/\t/evil.example"]) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("E-mail").fill("participant@demo.tessera.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    await expect(page, next).toHaveURL(`${WEB}/`);
  }
  // A path on this site is followed.
  await page.goto(`/login?next=${encodeURIComponent("/notifications")}`);
  await page.getByLabel("E-mail").fill("participant@demo.tessera.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${WEB}/notifications`);
});
