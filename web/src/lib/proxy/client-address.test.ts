import { describe, expect, it } from "vitest";

import { TrustedProxiesError, forwardedFor, isTrusted, normalizeAddress, parseTrustedProxies } from "./client-address";

const nobody = parseTrustedProxies("");

describe("forwardedFor", () => {
  it("reports an untrusted peer as itself, whatever X-Forwarded-For it sent", () => {
    expect(forwardedFor("198.51.100.7", null, nobody)).toBe("198.51.100.7");
    expect(forwardedFor("198.51.100.7", "203.0.113.1", nobody)).toBe("198.51.100.7");
    expect(forwardedFor("198.51.100.7", "203.0.113.1, 10.0.0.1", parseTrustedProxies("10.0.0.0/8"))).toBe("198.51.100.7");
    expect(forwardedFor("127.0.0.1", "203.0.113.1", nobody)).toBe("127.0.0.1");
  });

  it("keeps a trusted edge proxy's chain and appends the edge", () => {
    const edges = parseTrustedProxies("10.0.0.0/8, 192.168.1.10");
    expect(forwardedFor("10.1.2.3", "203.0.113.1", edges)).toBe("203.0.113.1, 10.1.2.3");
    expect(forwardedFor("192.168.1.10", " 203.0.113.1 ,198.51.100.2", edges)).toBe("203.0.113.1, 198.51.100.2, 192.168.1.10");
    expect(forwardedFor("192.168.1.10", null, edges)).toBe("192.168.1.10");
    expect(forwardedFor("192.168.1.11", "203.0.113.1", edges)).toBe("192.168.1.11");
  });

  it("restarts the chain after an entry that is not an address, and keeps it short", () => {
    const edge = parseTrustedProxies("10.0.0.1");
    expect(forwardedFor("10.0.0.1", "203.0.113.1, evil\r\nX-Injected: 1, 198.51.100.2", edge)).toBe("198.51.100.2, 10.0.0.1");
    expect(forwardedFor("10.0.0.1", "unknown", edge)).toBe("10.0.0.1");
    const long = Array.from({ length: 40 }, (_, i) => `203.0.113.${i}`).join(", ");
    const chain = forwardedFor("10.0.0.1", long, edge)!.split(", ");
    expect(chain).toHaveLength(17);
    expect(chain.slice(-2)).toEqual(["203.0.113.39", "10.0.0.1"]);
  });

  it("understands IPv6 and IPv4-mapped peers", () => {
    expect(forwardedFor("::ffff:198.51.100.7", null, nobody)).toBe("198.51.100.7");
    const edges = parseTrustedProxies("fd00::/8,127.0.0.1");
    expect(forwardedFor("FD00::2", "2001:db8::1", edges)).toBe("2001:db8::1, fd00::2");
    expect(forwardedFor("::ffff:127.0.0.1", "203.0.113.1", edges)).toBe("203.0.113.1, 127.0.0.1");
  });

  it("has nothing to report without a usable peer address", () => {
    expect(forwardedFor("", "203.0.113.1", nobody)).toBeNull();
    expect(forwardedFor("not-an-address", null, nobody)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("takes addresses and CIDR ranges, comma-separated", () => {
    const trusted = parseTrustedProxies(" 10.0.0.0/8 ,192.168.1.10,, fd00::/8 ");
    expect(isTrusted(trusted, "10.255.0.1")).toBe(true);
    expect(isTrusted(trusted, "192.168.1.10")).toBe(true);
    expect(isTrusted(trusted, "192.168.1.11")).toBe(false);
    expect(isTrusted(trusted, "fd00::1")).toBe(true);
    expect(isTrusted(trusted, "11.0.0.1")).toBe(false);
  });

  it("trusts no one by default", () => {
    expect(isTrusted(parseTrustedProxies(undefined), "127.0.0.1")).toBe(false);
    expect(isTrusted(parseTrustedProxies(""), "10.0.0.1")).toBe(false);
  });

  it("refuses what it cannot read instead of guessing", () => {
    for (const spec of ["proxy.internal", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/1", "fd00::/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(spec), spec).toThrow(TrustedProxiesError);
    }
  });
});

describe("normalizeAddress", () => {
  it("writes addresses one way", () => {
    expect(normalizeAddress(" 198.51.100.7 ")).toBe("198.51.100.7");
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("::FFFF:10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeAddress("198.51.100.7:8080")).toBeNull();
    expect(normalizeAddress("localhost")).toBeNull();
  });
});
