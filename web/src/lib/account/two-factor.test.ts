import { describe, expect, it } from "vitest";

import {
  CHALLENGE_LIFETIME_MS,
  MAX_WRONG_CODES,
  challengeExpired,
  groupedSecret,
  isAppCode,
  isTwoFactorChallenge,
  recoveryCodesFile,
  secondStepFailure,
  svgImageSource,
} from "./two-factor";

const USER = {
  id: "0b7c6c1e-1f0e-4a53-9d49-0d1c5a1b2c3d",
  email: "ada@example.com",
  name: "Ada",
  role: "participant",
  language: "en",
  is_active: true,
  email_verified: true,
  pending_email: null,
  created_at: "2026-01-01T00:00:00Z",
  two_factor_enabled: true,
};

describe("isTwoFactorChallenge", () => {
  it("tells a challenge from the signed-in account", () => {
    expect(isTwoFactorChallenge({ two_factor_required: true, challenge: "abc" })).toBe(true);
    // The account itself says whether 2FA is on, and is still a finished sign-in.
    expect(isTwoFactorChallenge(USER)).toBe(false);
  });

  it("narrows the login answer's type", () => {
    const body: Parameters<typeof isTwoFactorChallenge>[0] = { two_factor_required: true, challenge: "abc" };
    if (isTwoFactorChallenge(body)) expect(body.challenge).toBe("abc");
    else expect.unreachable();
  });
});

describe("secondStepFailure", () => {
  it("reads a wrong code as one to try again", () => {
    expect(secondStepFailure("invalid_code", 1, 10_000)).toBe("wrong");
    expect(secondStepFailure("invalid_code", MAX_WRONG_CODES - 1, CHALLENGE_LIFETIME_MS - 1)).toBe("wrong");
  });

  it("sends the sign-in back to the password once the challenge is dead", () => {
    expect(secondStepFailure("invalid_code", MAX_WRONG_CODES, 10_000)).toBe("tooMany");
    expect(secondStepFailure("invalid_code", 1, CHALLENGE_LIFETIME_MS)).toBe("expired");
    expect(secondStepFailure("invalid_code", MAX_WRONG_CODES, CHALLENGE_LIFETIME_MS + 1)).toBe("expired");
  });

  it("leaves other failures to the shared wording", () => {
    expect(secondStepFailure("rate_limited", 1, 0)).toBe("other");
    expect(secondStepFailure("login_locked", 5, 0)).toBe("other");
    expect(secondStepFailure(null, 1, 0)).toBe("other");
  });

  it("knows a challenge past its lifetime without asking", () => {
    expect(challengeExpired(CHALLENGE_LIFETIME_MS - 1)).toBe(false);
    expect(challengeExpired(CHALLENGE_LIFETIME_MS)).toBe(true);
  });
});

describe("isAppCode", () => {
  it("takes six digits, spaced or not, and nothing else", () => {
    expect(isAppCode("123456")).toBe(true);
    expect(isAppCode("123 456")).toBe(true);
    expect(isAppCode("12345")).toBe(false);
    expect(isAppCode("ABCD-EFGH-IJKL-MNOP")).toBe(false);
  });
});

describe("svgImageSource", () => {
  const inline = '<svg width="164" height="164" class="segno"><path d="M2 2.5h7"/></svg>';

  it("makes the inline SVG an image URL, with the namespace an SVG image needs", () => {
    const source = svgImageSource(inline);
    expect(source).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    const svg = decodeURIComponent(source!.slice(source!.indexOf(",") + 1));
    expect(svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="164" height="164" class="segno"><path d="M2 2.5h7"/></svg>');
  });

  it("keeps a namespace that is there", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>';
    expect(decodeURIComponent(svgImageSource(svg)!.split(",")[1]!)).toBe(svg);
  });

  it("escapes what would end the URL or the attribute", () => {
    const source = svgImageSource('<svg><text>"#%\'</text></svg>')!;
    expect(source).not.toMatch(/["#'\s]/);
  });

  it("refuses anything but an SVG element", () => {
    expect(svgImageSource("<script>alert(1)</script>")).toBeNull();
    expect(svgImageSource("<svgx></svgx>")).toBeNull();
    expect(svgImageSource("")).toBeNull();
  });
});

describe("groupedSecret", () => {
  it("groups the secret by four", () => {
    expect(groupedSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    expect(groupedSecret("ABCDEF")).toBe("ABCD EF");
  });
});

describe("recoveryCodesFile", () => {
  it("puts one code a line under a title and a hint", () => {
    expect(recoveryCodesFile("Codes", "Each works once.", ["AAAA-BBBB", "CCCC-DDDD"])).toBe(
      "Codes\nEach works once.\n\nAAAA-BBBB\nCCCC-DDDD\n",
    );
  });
});
