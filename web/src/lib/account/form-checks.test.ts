import { describe, expect, it } from "vitest";

import { checkNewPassword, hasProblems, looksLikeEmail } from "./form-checks";

describe("checkNewPassword", () => {
  it("takes eight characters repeated exactly", () => {
    const problems = checkNewPassword("correct horse", "correct horse");
    expect(problems).toEqual({ password: null, confirmation: null });
    expect(hasProblems(problems)).toBe(false);
  });

  it("asks for a password, then for a long enough one", () => {
    expect(checkNewPassword("", "").password).toBe("required");
    expect(checkNewPassword("seven77", "seven77").password).toBe("tooShort");
    expect(checkNewPassword("eight888", "eight888").password).toBeNull();
  });

  it("counts characters as the API does, not UTF-16 units", () => {
    // Four emoji are eight UTF-16 units but four characters.
    expect(checkNewPassword("😀😀😀😀", "😀😀😀😀").password).toBe("tooShort");
    expect(checkNewPassword("пароль12", "пароль12").password).toBeNull();
  });

  it("says when the repetition differs, once there is a password", () => {
    expect(checkNewPassword("correct horse", "correct hose")).toEqual({ password: null, confirmation: "mismatch" });
    expect(checkNewPassword("", "something").confirmation).toBeNull();
    expect(hasProblems(checkNewPassword("correct horse", ""))).toBe(true);
  });
});

describe("looksLikeEmail", () => {
  it("takes what the API takes", () => {
    expect(looksLikeEmail("ada@example.com")).toBe(true);
    expect(looksLikeEmail("ada.lovelace+tessera@mail.example.kz")).toBe(true);
  });

  it("refuses the rest", () => {
    for (const value of ["", "ada", "ada@example", "ada @example.com", "@example.com", `${"a".repeat(320)}@x.io`]) {
      expect(looksLikeEmail(value), value).toBe(false);
    }
  });
});
