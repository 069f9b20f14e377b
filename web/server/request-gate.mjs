// What server/start.mjs does to each request before Next.js sees it. Next.js hides two facts the /api
// proxy needs: the socket's peer address (it only fills X-Forwarded-For when the client sent none) and the
// request target as sent (it resolves dot segments and redirects backslashes and repeated slashes before
// routing). So private headers carry both, always written here and never taken from the client, and /api
// targets Next.js would route as a different path are refused here, where that is still visible.
import { API_CONTENT_SECURITY_POLICY, commonSecurityHeaders, isProductionSite } from "./security-headers.mjs";

export const PEER_ADDRESS_HEADER = "x-tessera-peer-address";
export const REQUEST_TARGET_HEADER = "x-tessera-request-target";
const PRIVATE_HEADERS = new Set([PEER_ADDRESS_HEADER, REQUEST_TARGET_HEADER]);

/** Set on globalThis once this gate runs in the process: only then do the private headers mean anything. */
export const GATE_INSTALLED = Symbol.for("tessera.web.requestGate");

/**
 * The socket's peer without the IPv4-mapped IPv6 prefix a dual-stack listener adds.
 * @param {string | undefined} remoteAddress
 */
export function socketPeerAddress(remoteAddress) {
  const address = remoteAddress ?? "";
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;
}

/**
 * Drops every copy of the private headers the client sent, then writes them from what this server saw.
 * @param {import("node:http").IncomingMessage} request
 */
export function writePrivateHeaders(request) {
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (PRIVATE_HEADERS.has((raw[i] ?? "").toLowerCase())) raw.splice(i, 2);
  }
  const values = {
    [PEER_ADDRESS_HEADER]: socketPeerAddress(request.socket.remoteAddress),
    [REQUEST_TARGET_HEADER]: request.url ?? "",
  };
  for (const [name, value] of Object.entries(values)) {
    request.headers[name] = value;
    raw.push(name, value);
  }
}

/** @param {string} path */
const isApiPath = (path) => path === "/api" || path.startsWith("/api/");

/**
 * Whether this target names an /api path that Next.js would not route as sent: it redirects backslashes
 * and repeated slashes to a cleaned-up path and resolves dot segments (also percent-encoded ones). Such a
 * request is refused here, since the /api proxy would otherwise see a path the client did not send.
 * @param {string} target
 */
export function isRewrittenApiTarget(target) {
  const path = target.split("?", 1)[0] ?? "";
  let cleaned;
  try {
    cleaned = new URL(path.replace(/\\/g, "/").replace(/\/\/+/g, "/"), "http://gate.invalid").pathname;
  } catch {
    return isApiPath(path);
  }
  return cleaned !== path && (isApiPath(cleaned) || isApiPath(path));
}

/**
 * Answers 404 the way the /api proxy does, with the same headers.
 * @param {import("node:http").ServerResponse} response
 */
export function refuse(response) {
  const body = JSON.stringify({ status_code: 404, detail: "Not found", code: "not_found" });
  response.statusCode = 404;
  response.setHeader("Content-Type", "application/json");
  response.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  for (const [name, value] of commonSecurityHeaders(isProductionSite())) response.setHeader(name, value);
  response.end(body);
}
