// What the account forms check before asking the API, with the API's own rules (accounts/schemas.py), so a
// problem shows next to its field at once; the API still has the last word.

/** The shortest password the API takes, counted in characters (code points, as Python counts them). */
export const MIN_PASSWORD_LENGTH = 8;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Whether `value` has the shape of an e-mail address the API takes. */
export function looksLikeEmail(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value);
}

export type NewPasswordProblems = {
  password: "required" | "tooShort" | null;
  confirmation: "mismatch" | null;
};

/** What is wrong with a new password and its repetition (nothing: both null). */
export function checkNewPassword(password: string, confirmation: string): NewPasswordProblems {
  const length = [...password].length;
  return {
    password: length === 0 ? "required" : length < MIN_PASSWORD_LENGTH ? "tooShort" : null,
    confirmation: length > 0 && password !== confirmation ? "mismatch" : null,
  };
}

export function hasProblems(problems: NewPasswordProblems): boolean {
  return problems.password !== null || problems.confirmation !== null;
}
