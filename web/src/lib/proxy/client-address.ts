// Which client address the /api proxy reports to the backend (X-Forwarded-For). The backend rate-limits
// sign-ins per address, so a client must not be able to choose it: the proxy reports the peer that
// actually connected (server/request-gate.mjs puts it in a private header) and passes on an incoming
// X-Forwarded-For chain only when that peer is a trusted edge proxy (TESSERA_WEB_TRUSTED_PROXIES).
import { BlockList, isIP } from "node:net";

// More hops than any real chain has; keeps a huge forged header from being passed along whole.
const MAX_CHAIN = 16;

export class TrustedProxiesError extends Error {}

/** An IP address in canonical form (IPv4-mapped IPv6 as plain IPv4, no brackets or zone), or null. */
export function normalizeAddress(value: string): string | null {
  let address = value.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  const zone = address.indexOf("%");
  if (zone > 0) address = address.slice(0, zone);
  if (/^::ffff:/i.test(address) && isIP(address.slice(7)) === 4) address = address.slice(7);
  const family = isIP(address);
  if (family === 0) return null;
  return family === 6 ? address.toLowerCase() : address;
}

/** Parses TESSERA_WEB_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges; empty trusts no one. */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const trusted = new BlockList();
  for (const entry of (spec ?? "").split(",").map((part) => part.trim()).filter(Boolean)) {
    const [rawAddress, rawPrefix, ...rest] = entry.split("/");
    const address = normalizeAddress(rawAddress ?? "");
    const family = address ? (isIP(address) === 6 ? "ipv6" : "ipv4") : null;
    if (!address || !family || rest.length > 0) throw new TrustedProxiesError(`TESSERA_WEB_TRUSTED_PROXIES: "${entry}" is not an address or CIDR range`);
    if (rawPrefix === undefined) {
      trusted.addAddress(address, family);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : NaN;
    if (!(prefix >= 0 && prefix <= (family === "ipv6" ? 128 : 32))) {
      throw new TrustedProxiesError(`TESSERA_WEB_TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
    }
    trusted.addSubnet(address, prefix, family);
  }
  return trusted;
}

export function isTrusted(trusted: BlockList, address: string): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The X-Forwarded-For to send upstream. A client that is not a trusted proxy is reported as itself, whatever
 * it claims. A trusted proxy's chain is kept, then the proxy appended; an entry that is not an address
 * makes everything before it unattributable, so the chain restarts after it.
 */
export function forwardedFor(peer: string, incomingChain: string | null, trusted: BlockList): string | null {
  const address = normalizeAddress(peer);
  if (address === null) return null;
  if (!incomingChain || !isTrusted(trusted, address)) return address;
  const chain: string[] = [];
  for (const entry of incomingChain.split(",")) {
    const hop = normalizeAddress(entry);
    if (hop === null) chain.length = 0;
    else chain.push(hop);
  }
  return [...chain.slice(-MAX_CHAIN), address].join(", ");
}
