// Same-origin proxy to the backend's public API (/api/v1/... only). The browser only ever talks to this site;
// the backend's address is read at run time (TESSERA_API_URL), so one build serves every environment.
// Cookies, the CSRF header and Set-Cookie pass through unchanged; the client address is the one this server
// saw (see lib/proxy/client-address.ts), never one the client wrote.
import type { BlockList } from "node:net";

import type { NextRequest } from "next/server";

import { BodyTooLargeError, backendApiTarget, readLimitedBody } from "@/lib/proxy/api-path";
import { TrustedProxiesError, forwardedFor, parseTrustedProxies } from "@/lib/proxy/client-address";
import { API_CONTENT_SECURITY_POLICY, applySecurityHeaders, isProductionSite } from "@/lib/security-headers";

import { GATE_INSTALLED, PEER_ADDRESS_HEADER, REQUEST_TARGET_HEADER } from "../../../../server/request-gate.mjs";

export const dynamic = "force-dynamic";

const FORWARDED_REQUEST_HEADERS = [
  "accept",
  "accept-language",
  "authorization",
  "content-type",
  "cookie",
  "idempotency-key",
  // Revalidating what the backend marked cacheable (a seat map's plan) costs no body.
  "if-none-match",
  // What the account's "Where you're signed in" list names each sign-in by.
  "user-agent",
  "x-csrftoken",
  "x-request-id",
];
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-encoding",
  "content-length",
]);

export function backendUrl(): string {
  return (process.env.TESSERA_API_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");
}

// Parsed once per value of TESSERA_WEB_TRUSTED_PROXIES, not on every request.
let trustedProxies: { spec: string | undefined; parsed: BlockList } | null = null;

function currentTrustedProxies(): BlockList {
  const spec = process.env.TESSERA_WEB_TRUSTED_PROXIES;
  if (trustedProxies === null || trustedProxies.spec !== spec) trustedProxies = { spec, parsed: parseTrustedProxies(spec) };
  return trustedProxies.parsed;
}

function withSecurityHeaders(response: Response): Response {
  applySecurityHeaders(response.headers, API_CONTENT_SECURITY_POLICY, isProductionSite());
  return response;
}

function problem(status: number, code: string, detail: string): Response {
  return withSecurityHeaders(Response.json({ status_code: status, detail, code }, { status }));
}

async function proxy(request: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  // Without server/start.mjs in front (a bare `next start`), the private headers could have been written by
  // the client: refuse to work rather than let clients pick their own address or path.
  const gated = (globalThis as Record<symbol, unknown>)[GATE_INSTALLED] === true;
  const rawTarget = gated ? request.headers.get(REQUEST_TARGET_HEADER) : null;
  const peer = gated ? request.headers.get(PEER_ADDRESS_HEADER) : null;
  if (rawTarget === null || peer === null) {
    console.error("The /api proxy needs the web app started with `node server/start.mjs` (npm start).");
    return problem(500, "proxy_misconfigured", "The web server is misconfigured");
  }
  const { path } = await context.params;
  const target = backendApiTarget(rawTarget, path);
  if (target === null) return problem(404, "not_found", "Not found");

  let clientAddress: string | null;
  try {
    clientAddress = forwardedFor(peer, request.headers.get("x-forwarded-for"), currentTrustedProxies());
  } catch (error) {
    if (!(error instanceof TrustedProxiesError)) throw error;
    console.error(error.message);
    clientAddress = null;
  }
  if (clientAddress === null) return problem(500, "proxy_misconfigured", "The web server is misconfigured");

  let body: Uint8Array<ArrayBuffer> | undefined;
  if (request.method !== "GET" && request.method !== "HEAD") {
    try {
      body = await readLimitedBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return problem(413, "request_too_large", "The request body is too large");
      throw error;
    }
  }

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set("x-forwarded-for", clientAddress);
  let upstream: Response;
  try {
    upstream = await fetch(`${backendUrl()}${target}`, {
      method: request.method,
      headers,
      body,
      redirect: "manual",
      cache: "no-store",
    });
  } catch {
    return problem(502, "backend_unavailable", "The booking service is not reachable");
  }
  const responseHeaders = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== "set-cookie") responseHeaders.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append("set-cookie", cookie);
  return withSecurityHeaders(new Response(upstream.body, { status: upstream.status, headers: responseHeaders }));
}

export { proxy as DELETE, proxy as GET, proxy as HEAD, proxy as OPTIONS, proxy as PATCH, proxy as POST, proxy as PUT };
