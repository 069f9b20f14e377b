// Security headers on every response of the web app: pages get them from src/proxy.ts (with a fresh CSP
// nonce per request), the /api proxy sets them on its own responses, and the Node server on its refusals.
import { commonSecurityHeaders } from "../../server/security-headers.mjs";

export { API_CONTENT_SECURITY_POLICY, isProductionSite } from "../../server/security-headers.mjs";

/** A random nonce for one response's inline scripts. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page policy. Next.js's App Router inlines scripts (the RSC payload, bootstrap) and marks each with the
 * nonce it finds in this header on the request; 'strict-dynamic' lets those scripts load the chunks. Inline
 * <style> elements need the nonce too (see components/StyleNonce.tsx); styles React sets on elements go
 * through the CSSOM, which the policy does not restrict, so no 'unsafe-inline' is needed anywhere.
 * Development adds what React's dev tooling and hot reload need (eval, the websocket).
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; production: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.production) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function applySecurityHeaders(headers: Headers, contentSecurityPolicy: string, production: boolean): void {
  headers.set("Content-Security-Policy", contentSecurityPolicy);
  for (const [name, value] of commonSecurityHeaders(production)) headers.set(name, value);
}
