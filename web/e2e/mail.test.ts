// Unit tests (vitest) of the Maildir reading the flows use; the messages are as Python's e-mail package writes them.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { addressesIn, decodeHeader, decodeQuotedPrintable, linkIn, parseMail, readMaildir } from "./mail";

const QUOTED_PRINTABLE = `Subject: Reset your password
From: Tessera <no-reply@tessera.test>
To: Visitor Test <visitor-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative;
 boundary="===============8161347646044131090=="

--===============8161347646044131090==
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Hello, Visitor Test!

Someone (we hope you) asked to reset the password of your Tessera account. Op=
en the link below to choose a new one; it works once, for 30 minutes.

http://127.0.0.1:3410/reset-password?token=3DAb9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab=
9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-Ab9_-=3Dx
--=20
Tessera

--===============8161347646044131090==
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 7bit
MIME-Version: 1.0

<p>html <a href="http://127.0.0.1:3410/">elsewhere</a></p>

--===============8161347646044131090==--
`;

const BASE64 = `Subject: =?utf-8?b?0J/QvtC00YLQstC10YDQtNC40YLQtSDQsNC00YDQtdGBINGN0LvQtdC6?=
 =?utf-8?b?0YLRgNC+0L3QvdC+0Lkg0L/QvtGH0YLRiw==?=
From: Tessera <no-reply@tessera.test>
To: =?utf-8?b?0JDQtNCwINCb0LDQstC70LXQudGB?= <Ada+1@Example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative;
 boundary="===============2710218490080331943=="

--===============2710218490080331943==
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

0JfQtNGA0LDQstGB0YLQstGD0LnRgtC1LCDQkNC00LAhCgrQntGC0LrRgNC+0LnRgtC1INGB0YHR
i9C70LrRgyDQvdC40LbQtSwg0YfRgtC+0LHRiyDQv9C+0LTRgtCy0LXRgNC00LjRgtGMLCDRh9GC
0L4g0Y3RgtC+INCy0LDRiCDQsNC00YDQtdGBLiDQlNC+INGN0YLQvtCz0L4g0LzQvtC20L3QviDR
gdC80L7RgtGA0LXRgtGMINC4INCx0YDQvtC90LjRgNC+0LLQsNGC0YwsINC90L4g0L3QtSDQv9C7
0LDRgtC40YLRjCDQuCDQvdC1INC/0YPQsdC70LjQutC+0LLQsNGC0YwuCgpodHRwOi8vMTI3LjAu
MC4xOjM0MTAvdmVyaWZ5LWVtYWlsP3Rva2VuPWFiYy5ERUYtMTIzX3h5ej0KLS0gClRlc3NlcmEK

--===============2710218490080331943==
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 7bit
MIME-Version: 1.0

<p>html</p>

--===============2710218490080331943==--
`;

const PLAIN = `Subject: Your password was changed
To: someone@example.com
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 7bit

Your password was changed.

http://127.0.0.1:3410/account
`;

describe("decodeQuotedPrintable", () => {
  it("joins soft line breaks and decodes escaped bytes", () => {
    expect(decodeQuotedPrintable("token=3Dab=\ncd=20e").toString("utf8")).toBe("token=abcd e");
    expect(decodeQuotedPrintable("=D0=9F=D1=80=D0=B8=\r\n=D0=B2=D0=B5=D1=82").toString("utf8")).toBe("Привет");
  });

  it("leaves a lone '=' that escapes nothing", () => {
    expect(decodeQuotedPrintable("a=zz").toString("utf8")).toBe("a=zz");
  });
});

describe("decodeHeader", () => {
  it("decodes base64 and Q words, dropping the space between two words", () => {
    expect(decodeHeader("=?utf-8?b?0J/RgNC40LI=?= =?utf-8?b?0LXRgg==?=")).toBe("Привет");
    expect(decodeHeader("=?utf-8?q?Caf=C3=A9_cr=C3=A8me?= ok")).toBe("Café crème ok");
    expect(decodeHeader("Reset your password")).toBe("Reset your password");
  });
});

describe("parseMail", () => {
  it("reads a quoted-printable message whose link was cut by soft line breaks", () => {
    const mail = parseMail(QUOTED_PRINTABLE);
    expect(mail.to).toEqual(["visitor-1@example.com"]);
    expect(mail.subject).toBe("Reset your password");
    expect(mail.text).toContain("Open the link below");
    expect(linkIn(mail.text)).toBe(`http://127.0.0.1:3410/reset-password?token=${"Ab9_-".repeat(20)}=x`);
  });

  it("reads a base64 message with encoded headers", () => {
    const mail = parseMail(BASE64);
    expect(mail.to).toEqual(["ada+1@example.com"]);
    expect(mail.subject).toBe("Подтвердите адрес электронной почты");
    expect(mail.text).toContain("Здравствуйте, Ада!");
    expect(linkIn(mail.text, "/verify-email")).toBe("http://127.0.0.1:3410/verify-email?token=abc.DEF-123_xyz=");
  });

  it("reads a single-part message", () => {
    const mail = parseMail(PLAIN);
    expect(mail.to).toEqual(["someone@example.com"]);
    expect(linkIn(mail.text)).toBe("http://127.0.0.1:3410/account");
    expect(linkIn(mail.text, "/reset-password")).toBeNull();
  });
});

describe("addressesIn", () => {
  it("finds bracketed and bare addresses", () => {
    expect(addressesIn('"Doe, Jane" <Jane@Example.com>, bob@example.org')).toEqual(["jane@example.com", "bob@example.org"]);
    expect(addressesIn('"a@b.c" <real@example.com>')).toEqual(["real@example.com"]);
    expect(addressesIn("bob@example.org, eve@example.net")).toEqual(["bob@example.org", "eve@example.net"]);
  });
});

describe("readMaildir", () => {
  it("lists new/ and cur/ newest first, and a missing folder as empty", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "maildir-test-"));
    expect(readMaildir(path.join(dir, "none"))).toEqual([]);
    mkdirSync(path.join(dir, "new"));
    mkdirSync(path.join(dir, "cur"));
    writeFileSync(path.join(dir, "new", "1.older"), PLAIN);
    writeFileSync(path.join(dir, "cur", "2.newer"), QUOTED_PRINTABLE);
    utimesSync(path.join(dir, "new", "1.older"), new Date(1_000_000), new Date(1_000_000));
    expect(readMaildir(dir).map((m) => m.subject)).toEqual(["Reset your password", "Your password was changed"]);
  });
});
