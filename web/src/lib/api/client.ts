// The browser's typed API client. Same origin only (/api/... is proxied to the backend); unsafe requests
// echo the csrftoken cookie in X-CSRFToken; a 401 triggers one token refresh and one retry, then the
// login page (not for the sign-in endpoints themselves: see refreshesOn401). No token is ever readable here:
// the session lives in httpOnly cookies.
import createClient, { type Middleware } from "openapi-fetch";

import type { paths } from "./schema";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function withCsrf(method: string, headers: Headers, cookies: string): Headers {
  if (UNSAFE.has(method.toUpperCase())) {
    const token = readCookie(cookies, "csrftoken");
    if (token) headers.set("X-CSRFToken", token);
  }
  return headers;
}

// The auth endpoints answer 401 for wrong credentials, a wrong second-step code or an ended sign-in, which a
// refresh cannot mend; these few act for the signed-in account instead and, like any other call, outlive its
// short access token.
const SIGNED_IN_AUTH_PATH =
  /^\/api\/v1\/auth\/(?:me(?:\/export)?|sessions(?:\/[^/]+)?|password|verify-email\/resend|2fa\/(?:setup|enable|disable))$/;

/** Whether a 401 from `url` may be mended by refreshing the session (and the request sent once more). */
export function refreshesOn401(url: string): boolean {
  const path = new URL(url, "http://site.invalid").pathname;
  return !path.startsWith("/api/v1/auth/") || SIGNED_IN_AUTH_PATH.test(path);
}

let refreshing: Promise<boolean> | null = null;

async function refreshSession(fetcher: typeof fetch, cookies: () => string): Promise<boolean> {
  refreshing ??= fetcher("/api/v1/auth/refresh", {
    method: "POST",
    headers: withCsrf("POST", new Headers(), cookies()),
    credentials: "same-origin",
  })
    .then((response) => response.ok)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export function createBrowserClient(
  options: { fetcher?: typeof fetch; cookies?: () => string; onSignedOut?: () => void } = {},
) {
  const fetcher = options.fetcher ?? globalThis.fetch.bind(globalThis);
  const cookies = options.cookies ?? (() => (typeof document === "undefined" ? "" : document.cookie));
  const onSignedOut =
    options.onSignedOut ??
    (() => {
      if (typeof window !== "undefined" && !window.location.pathname.startsWith("/login")) {
        window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      }
    });
  // The body of a sent request is consumed: keep a copy to retry with after a refresh.
  const copies = new WeakMap<Request, Request>();
  const csrf: Middleware = {
    onRequest({ request }) {
      withCsrf(request.method, request.headers, cookies());
      copies.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      if (response.status !== 401 || !refreshesOn401(request.url)) return response;
      if (await refreshSession(fetcher, cookies)) {
        const copy = copies.get(request) ?? request;
        const again = new Request(copy, { headers: withCsrf(copy.method, new Headers(copy.headers), cookies()) });
        return fetcher(again);
      }
      onSignedOut();
      return response;
    },
  };
  const client = createClient<paths>({ baseUrl: "", fetch: fetcher, credentials: "same-origin" });
  client.use(csrf);
  return client;
}

export const api = createBrowserClient();

export type ApiError = { status_code: number; detail: string; code: string };

export function errorCode(error: unknown): string | null {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return null;
}
