// Codes of an authenticator app, for the flows that turn two-factor sign-in on: RFC 6238 TOTP (HMAC-SHA1,
// 30-second steps, 6 digits) over a base32 secret (RFC 4648), with node:crypto alone.
import { createHmac } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A base32 string (any case; spaces and padding ignored) as bytes. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP: the code for one counter value. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The 30-second step `at` (ms since the epoch) falls in. */
export function totpStep(at: number = Date.now()): number {
  return Math.floor(at / 1000 / 30);
}

/**
 * The app's code for a base32 secret at a moment (now), or `stepsAhead` steps later: the API takes each step
 * once, and one step ahead of its clock, so a second code within the same 30 seconds is the next step's.
 */
export function totp(secret: string, { at = Date.now(), stepsAhead = 0, digits = 6 } = {}): string {
  return hotp(base32Decode(secret), totpStep(at) + stepsAhead, digits);
}
