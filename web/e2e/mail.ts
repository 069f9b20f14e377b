// The e-mails the backend writes in embedded mode: a Maildir (<TESSERA_DATA_DIR>/mail) of RFC 822 messages,
// read here well enough for the flows: recipients, subject and the plain-text part with its link. Python's
// e-mail package writes text parts as 7bit, quoted-printable (long lines, so a link may be cut by "=\n"
// soft breaks and its "=" written "=3D") or base64 (non-Latin text), and non-ASCII headers as RFC 2047 words.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type Mail = {
  /** The addresses the To header names, lower-case. */
  to: string[];
  subject: string;
  /** The plain-text parts, decoded. */
  text: string;
};

export type StoredMail = Mail & { file: string; modifiedAt: number };

/** Quoted-printable to bytes: soft line breaks go, "=XX" is the byte XX. */
export function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, "latin1"));
    }
  }
  return Buffer.from(bytes);
}

function decodeBytes(bytes: Buffer, charset: string | null): string {
  try {
    return new TextDecoder((charset ?? "utf-8").toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}

/** A header's RFC 2047 encoded words ("=?utf-8?b?...?=", "=?utf-8?q?...?=") as text. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, "$1") // white space between two encoded words is not part of the text
    .replace(/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g, (_, charset: string, encoding: string, encoded: string) => {
      const bytes =
        encoding.toUpperCase() === "B" ? Buffer.from(encoded, "base64") : decodeQuotedPrintable(encoded.replace(/_/g, " "));
      return decodeBytes(bytes, charset);
    });
}

function split(raw: string): { headers: Map<string, string>; body: string } {
  const blank = /\r?\n\r?\n/.exec(raw);
  const head = blank ? raw.slice(0, blank.index) : raw;
  const body = blank ? raw.slice(blank.index + blank[0].length) : "";
  const headers = new Map<string, string>();
  // Unfold continuation lines, then read "Name: value" lines (the first of a repeated header wins).
  for (const line of head.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(header);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function multipartBodies(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[][] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    const bare = line.trimEnd();
    if (bare === `${delimiter}--`) break;
    if (bare === delimiter) {
      current = [];
      parts.push(current);
    } else current?.push(line);
  }
  return parts.map((lines) => lines.join("\n"));
}

function textParts(raw: string): string[] {
  const { headers, body } = split(raw);
  const type = headers.get("content-type") ?? "text/plain";
  const media = type.split(";")[0]!.trim().toLowerCase();
  if (media.startsWith("multipart/")) {
    const boundary = parameter(type, "boundary");
    return boundary ? multipartBodies(body, boundary).flatMap(textParts) : [];
  }
  if (media !== "text/plain") return [];
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const charset = parameter(type, "charset");
  if (encoding === "base64") return [decodeBytes(Buffer.from(body.replace(/\s+/g, ""), "base64"), charset)];
  if (encoding === "quoted-printable") return [decodeBytes(decodeQuotedPrintable(body), charset)];
  return [body];
}

/** The addresses in an address header ("Name <a@b.c>, d@e.f"), lower-case. */
export function addressesIn(header: string): string[] {
  const bracketed = [...header.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1]!);
  // Outside brackets and quoted display names ("Doe, Jane"), an address stands on its own.
  const rest = header.replace(/<[^<>]*>/g, " ").replace(/"(?:[^"\\]|\\.)*"/g, " ");
  const bare = rest.match(/[^\s<>,;:"()]+@[^\s<>,;:"()]+/g) ?? [];
  return [...bracketed, ...bare].map((address) => address.toLowerCase());
}

export function parseMail(raw: string): Mail {
  const { headers } = split(raw);
  return {
    to: addressesIn(decodeHeader(headers.get("to") ?? "")),
    subject: decodeHeader(headers.get("subject") ?? ""),
    text: textParts(raw).join("\n"),
  };
}

/** The first link in a message's text (to `pathname` only, when given). */
export function linkIn(text: string, pathname?: string): string | null {
  for (const candidate of text.match(/https?:\/\/[^\s<>"]+/g) ?? []) {
    if (!pathname || new URL(candidate).pathname === pathname) return candidate;
  }
  return null;
}

/** Every message of a Maildir (its new/ and cur/), newest first. */
export function readMaildir(directory: string): StoredMail[] {
  const mails: StoredMail[] = [];
  for (const folder of ["new", "cur"]) {
    const dir = path.join(directory, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      try {
        mails.push({ ...parseMail(readFileSync(file, "utf8")), file, modifiedAt: statSync(file).mtimeMs });
      } catch {
        // moved or removed while listed
      }
    }
  }
  return mails.sort((a, b) => b.modifiedAt - a.modifiedAt || b.file.localeCompare(a.file));
}
