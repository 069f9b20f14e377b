import { describe, expect, it } from "vitest";

import { BodyTooLargeError, MAX_BODY_BYTES, backendApiTarget, readLimitedBody } from "./api-path";

/** The catch-all segments Next.js hands the route for a target it routed as sent. */
function segmentsOf(target: string): string[] {
  return target
    .split("?")[0]!
    .slice("/api/".length)
    .split("/")
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}

const target = (raw: string) => backendApiTarget(raw, segmentsOf(raw));

describe("backendApiTarget", () => {
  it("passes /api/v1 paths with their query", () => {
    expect(target("/api/v1/events")).toBe("/api/v1/events");
    expect(target("/api/v1/events?q=Jazz%20Evening&limit=5")).toBe("/api/v1/events?q=Jazz%20Evening&limit=5");
    expect(target("/api/v1/sessions/01a22fd7-e026-70f8-9233-7ad1f107d810/bookings?limit=100&offset=0")).toBe(
      "/api/v1/sessions/01a22fd7-e026-70f8-9233-7ad1f107d810/bookings?limit=100&offset=0",
    );
    // Dots elsewhere in a query or a segment are just characters.
    expect(target("/api/v1/events?next=/../../metrics")).toBe("/api/v1/events?next=/../../metrics");
    expect(target("/api/v1/files/report.v2.json")).toBe("/api/v1/files/report.v2.json");
  });

  it("refuses every other backend path", () => {
    for (const raw of ["/api/metrics", "/api/schema", "/api/schema/openapi.json", "/api/sandbox/freedompay/pay/1", "/api/v2/events", "/api/v1", "/api/V1/events", "/api/%761/events", "/metrics"]) {
      expect(target(raw), raw).toBeNull();
    }
  });

  it("refuses dot segments however they are spelled", () => {
    for (const raw of [
      "/api/v1/../metrics",
      "/api/v1/events/../../metrics",
      "/api/v1/events/../auth/me",
      "/api/v1/./events",
      "/api/v1/events/.",
      "/api/v1/%2e%2e/metrics",
      "/api/v1/%2E%2E/metrics",
      "/api/v1/%2e%2E/metrics",
      "/api/v1/.%2e/metrics",
      "/api/v1/%2e/events",
      "/api/v1/%252e%252e/metrics",
      "/api/v1/%252E%252E/metrics",
      "/api/v1/%25252e%25252e/metrics",
    ]) {
      expect(target(raw), raw).toBeNull();
    }
  });

  it("refuses encoded separators, backslashes, empty segments and control characters", () => {
    for (const raw of [
      "/api/v1/events%2f..%2f..%2fmetrics",
      "/api/v1/events%2F..%2Fmetrics",
      "/api/v1/events%5c..%5cmetrics",
      "/api/v1/events%5C..%5Cmetrics",
      "/api/v1/events\\..\\metrics",
      "/api\\v1\\events",
      "/api/v1//events",
      "/api/v1/events/",
      "/api/v1/events%00",
      "/api/v1/events%0a",
      "/api/v1/events%7F",
      "/api/v1/ev\tents",
      "/api/v1/events%",
      "/api/v1/events%zz",
      "/api/v1/évents",
      "/api/v1/events#fragment",
    ]) {
      expect(target(raw), raw).toBeNull();
    }
  });

  it("refuses a target Next.js routed differently from what was checked", () => {
    expect(backendApiTarget("/api/v1/events", ["v1", "auth", "me"])).toBeNull();
    expect(backendApiTarget("/api/v1/events/%41", ["v1", "events", "B"])).toBeNull();
    expect(backendApiTarget("/api/v1/events/%41", ["v1", "events", "A"])).toBe("/api/v1/events/%41");
  });
});

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://web.invalid/api/v1/auth/login", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("readLimitedBody", () => {
  it("reads a body up to the limit, chunked or not", async () => {
    expect(await readLimitedBody(post("hello"))).toEqual(new TextEncoder().encode("hello"));
    const exactly = await readLimitedBody(post(streamOf([new Uint8Array(600 * 1024), new Uint8Array(MAX_BODY_BYTES - 600 * 1024)])));
    expect(exactly?.byteLength).toBe(MAX_BODY_BYTES);
    expect(await readLimitedBody(new Request("http://web.invalid/", { method: "POST" }))).toBeUndefined();
  });

  it("refuses a declared length over the limit without reading the body", async () => {
    // A body that never ends: reading it would never finish.
    const endless = new ReadableStream<Uint8Array>({});
    await expect(readLimitedBody(post(endless, { "content-length": String(MAX_BODY_BYTES + 1) }))).rejects.toThrow(BodyTooLargeError);
    await expect(readLimitedBody(post("x", { "content-length": "1e9" }))).rejects.toThrow(BodyTooLargeError);
  });

  it("counts a body that declares no length", async () => {
    const chunks = [new Uint8Array(MAX_BODY_BYTES / 2), new Uint8Array(MAX_BODY_BYTES / 2), new Uint8Array(1)];
    await expect(readLimitedBody(post(streamOf(chunks)))).rejects.toThrow(BodyTooLargeError);
    await expect(readLimitedBody(post(streamOf([new Uint8Array(5)])), 4)).rejects.toThrow(BodyTooLargeError);
  });
});
