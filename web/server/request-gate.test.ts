import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";

import { afterEach, describe, expect, it, vi } from "vitest";

import { PEER_ADDRESS_HEADER, REQUEST_TARGET_HEADER, isRewrittenApiTarget, refuse, socketPeerAddress, writePrivateHeaders } from "./request-gate.mjs";

/** An incoming request as Node's parser builds it, from a peer at `remoteAddress`. */
function incoming(url: string, rawHeaders: string[], remoteAddress: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: remoteAddress });
  const request = new IncomingMessage(socket);
  request.url = url;
  request.rawHeaders = rawHeaders;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const previous = request.headers[name];
    request.headers[name] = previous === undefined ? rawHeaders[i + 1]! : `${String(previous)}, ${rawHeaders[i + 1]!}`;
  }
  return request;
}

describe("writePrivateHeaders", () => {
  it("replaces every copy the client sent with what the server saw", () => {
    const request = incoming(
      "/api/v1/auth/login?x=1",
      ["Host", "site", "X-Tessera-Peer-Address", "203.0.113.9", "x-tessera-peer-address", "203.0.113.10", "X-Tessera-Request-Target", "/api/v1/events", "X-Forwarded-For", "203.0.113.11"],
      "198.51.100.7",
    );
    writePrivateHeaders(request);
    expect(request.headers[PEER_ADDRESS_HEADER]).toBe("198.51.100.7");
    expect(request.headers[REQUEST_TARGET_HEADER]).toBe("/api/v1/auth/login?x=1");
    const raw = request.rawHeaders;
    const rawValues = (name: string) => raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === name);
    expect(rawValues(PEER_ADDRESS_HEADER)).toEqual(["198.51.100.7"]);
    expect(rawValues(REQUEST_TARGET_HEADER)).toEqual(["/api/v1/auth/login?x=1"]);
    // Other headers are left to the /api proxy to judge.
    expect(request.headers["x-forwarded-for"]).toBe("203.0.113.11");
    expect(rawValues("host")).toEqual(["site"]);
  });

  it("writes IPv4 peers of a dual-stack listener without the IPv6 prefix", () => {
    const request = incoming("/", [], "::ffff:198.51.100.7");
    writePrivateHeaders(request);
    expect(request.headers[PEER_ADDRESS_HEADER]).toBe("198.51.100.7");
    expect(socketPeerAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(socketPeerAddress("::ffff:2001:db8::1")).toBe("::ffff:2001:db8::1");
    expect(socketPeerAddress(undefined)).toBe("");
  });
});

describe("isRewrittenApiTarget", () => {
  it("lets through what Next.js routes as sent", () => {
    for (const target of ["/", "/login?next=/../x", "/events/1", "/api/v1/events?limit=1", "/api/v1/events?x=/../..\\", "/api/v1/%2e%2e%2fx", "/api/v1/events/"]) {
      expect(isRewrittenApiTarget(target), target).toBe(false);
    }
  });

  it("catches /api targets Next.js would redirect or resolve to another path", () => {
    for (const target of [
      "/api\\v1\\events",
      "/api/v1/events\\..\\..\\metrics",
      "/api/v1//events",
      "//api/v1/events",
      "/api/v1/../metrics",
      "/api/v1/events/../auth/me",
      "/api/v1/./events",
      "/api/v1/%2e%2e/%2e%2e/metrics",
      "/api/v1/events/%2E",
      "/x/../api/metrics",
      "/api/v1/ev ents",
    ]) {
      expect(isRewrittenApiTarget(target), target).toBe(true);
    }
  });

  it("leaves other paths to Next.js", () => {
    expect(isRewrittenApiTarget("/events//1")).toBe(false);
    expect(isRewrittenApiTarget("/events/../login")).toBe(false);
  });
});

describe("refuse", () => {
  afterEach(() => vi.unstubAllEnvs());

  function refusal(): ServerResponse {
    const response = new ServerResponse(incoming("/api\\x", [], "127.0.0.1"));
    vi.spyOn(response, "end").mockImplementation(() => response);
    refuse(response);
    return response;
  }

  it("answers 404 with the API's security headers", () => {
    const response = refusal();
    expect(response.statusCode).toBe(404);
    expect(response.getHeader("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.getHeader("x-content-type-options")).toBe("nosniff");
    expect(response.getHeader("strict-transport-security")).toBeUndefined();
  });

  it("adds Strict-Transport-Security in production", () => {
    vi.stubEnv("TESSERA_ENV", "production");
    expect(refusal().getHeader("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});
