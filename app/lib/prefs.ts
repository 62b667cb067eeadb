// The large-text (适老化) preference lives in a plain cookie so it persists for visitors too.
export const PREFS_COOKIE = "yjf_prefs";

export function readLargeText(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((p) => p.trim() === `${PREFS_COOKIE}=large`);
}

export function largeTextCookie(on: boolean): string {
  return on
    ? `${PREFS_COOKIE}=large; Path=/; SameSite=Lax; Max-Age=${365 * 24 * 3600}`
    : `${PREFS_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`;
}
