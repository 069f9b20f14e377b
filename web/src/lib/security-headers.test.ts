import { describe, expect, it } from "vitest";

import { applySecurityHeaders, isProductionSite, newNonce, pageContentSecurityPolicy } from "./security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(";").map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name!, values.join(" ")];
  }));
}

describe("pageContentSecurityPolicy", () => {
  it("allows this site's scripts and nonced inline ones, nothing inline without the nonce", () => {
    const text = pageContentSecurityPolicy("abc123", { dev: false, production: false });
    expect(text).not.toContain("unsafe-inline");
    const policy = directives(text);
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("'self' 'nonce-abc123'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval and the reload socket only in development, the upgrade only in production", () => {
    const dev = directives(pageContentSecurityPolicy("n", { dev: true, production: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws:");
    const production = directives(pageContentSecurityPolicy("n", { dev: false, production: true }));
    expect(production.get("script-src")).not.toContain("unsafe");
    expect(production.has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("newNonce", () => {
  it("is fresh every time and fits a CSP source", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("applySecurityHeaders", () => {
  it("sets the policy and the common headers, Strict-Transport-Security only in production", () => {
    const site = new Headers();
    applySecurityHeaders(site, "default-src 'none'", false);
    expect(site.get("content-security-policy")).toBe("default-src 'none'");
    expect(site.get("x-content-type-options")).toBe("nosniff");
    expect(site.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(site.get("x-frame-options")).toBe("DENY");
    expect(site.has("strict-transport-security")).toBe(false);
    const production = new Headers();
    applySecurityHeaders(production, "default-src 'none'", true);
    expect(production.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("treats only TESSERA_ENV=production as production", () => {
    expect(isProductionSite({ TESSERA_ENV: "production" })).toBe(true);
    expect(isProductionSite({ NODE_ENV: "production" })).toBe(false);
    expect(isProductionSite({})).toBe(false);
  });
});
