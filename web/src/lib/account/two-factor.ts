// Two-factor sign-in in the browser: telling the login's two answers apart, what a failed second step means,
// the server's QR code as an image, and the recovery codes as a file. The API's rules (accounts/two_factor.py)
// are mirrored where the page has to act on them.
import type { components } from "@/lib/api/schema";

type UserRead = components["schemas"]["UserRead"];
type TwoFactorChallenge = components["schemas"]["TwoFactorChallenge"];

/** How long a challenge from POST /auth/login lives. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
/** A challenge dies at this many wrong codes: the next step is the password again. */
export const MAX_WRONG_CODES = 5;

/** Whether POST /auth/login answered with a second step to take instead of the signed-in account. */
export function isTwoFactorChallenge(body: UserRead | TwoFactorChallenge): body is TwoFactorChallenge {
  return "two_factor_required" in body && body.two_factor_required === true && typeof body.challenge === "string";
}

/** A code as typed: white space around it goes (the API ignores spaces and dashes inside). */
export function typedCode(value: string): string {
  return value.trim();
}

/** Whether `value` looks like a code from an app: six digits, spaces allowed between them. */
export function isAppCode(value: string): boolean {
  return /^\d{6}$/.test(value.replace(/[\s-]/g, ""));
}

export type SecondStepFailure =
  /** A wrong (or used) code: try another one. */
  | "wrong"
  /** The challenge outlived its five minutes: start again with the password. */
  | "expired"
  /** The challenge has had its five wrong codes: start again with the password. */
  | "tooMany"
  /** Anything else (rate limits, network): say what the API said, and stay. */
  | "other";

/**
 * What a failed POST /auth/2fa/verify means for the sign-in form. The API answers 401 invalid_code alike for
 * a wrong code and a dead challenge; which one it is follows from the challenge's age and the wrong codes
 * so far (`wrongCodes`, counting this one).
 */
export function secondStepFailure(code: string | null, wrongCodes: number, ageMs: number): SecondStepFailure {
  if (code !== "invalid_code") return "other";
  if (ageMs >= CHALLENGE_LIFETIME_MS) return "expired";
  if (wrongCodes >= MAX_WRONG_CODES) return "tooMany";
  return "wrong";
}

/** Whether a challenge is certainly dead before it is even sent (older than its lifetime). */
export function challengeExpired(ageMs: number): boolean {
  return ageMs >= CHALLENGE_LIFETIME_MS;
}

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/**
 * The server's inline `<svg …>` QR code as a `data:` URL for an `<img>`: nothing of it enters the page's
 * markup, and an image runs no script. Inline SVG leaves out its namespace, which an SVG image needs.
 * Null for anything that is not an SVG element.
 */
export function svgImageSource(svg: string): string | null {
  const markup = svg.trim();
  if (!/^<svg[\s>]/i.test(markup)) return null;
  const openingTag = markup.slice(0, markup.indexOf(">") + 1);
  const withNamespace = /\sxmlns\s*=/.test(openingTag) ? markup : `<svg xmlns="${SVG_NAMESPACE}"${markup.slice(4)}`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(withNamespace).replace(/'/g, "%27")}`;
}

/** A base32 secret in groups of four, as authenticator apps show and take it. */
export function groupedSecret(secret: string): string {
  return (secret.replace(/\s+/g, "").match(/.{1,4}/g) ?? []).join(" ");
}

/** The recovery codes as a small text file: a title, a hint, then one code a line. */
export function recoveryCodesFile(title: string, hint: string, codes: readonly string[]): string {
  return `${title}\n${hint}\n\n${codes.join("\n")}\n`;
}
