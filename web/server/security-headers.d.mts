export function isProductionSite(env?: Record<string, string | undefined>): boolean;
export const API_CONTENT_SECURITY_POLICY: string;
export function commonSecurityHeaders(production: boolean): [string, string][];
