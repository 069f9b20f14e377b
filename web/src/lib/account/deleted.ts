// Where an erased account lands: the home page, signed out, which then says the account is gone.

/** The home page with the "your account was deleted" message. */
export const ACCOUNT_DELETED_HREF = "/?account=deleted";

/** Whether the home page's parameters ask for that message. */
export function saysAccountDeleted(params: Record<string, string | string[] | undefined>): boolean {
  const value = params.account;
  return (Array.isArray(value) ? value[0] : value) === "deleted";
}
