// CSRF defence for cookie sessions (Lucia guide): a non-GET request must come from our own origin.

export type OriginInput = {
  method: string;
  origin?: string | null;
  host?: string | null;
  secFetchSite?: string | null;
  authorization?: string | null;
  contentType?: string | null;
};

function isJson(contentType: string | null | undefined): boolean {
  return !!contentType && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when the request may change state: same origin, or a Bearer-token API client. */
export function isSameOriginRequest(input: OriginInput, appOrigin?: string): boolean {
  if (SAFE.has(input.method.toUpperCase())) return true;
  // A page on another site cannot attach an Authorization header without a CORS preflight,
  // which this server never grants, so a Bearer request is not a forged one.
  if (input.authorization?.startsWith("Bearer ")) return true;
  if (input.origin) {
    if (input.origin === "null") return false;
    if (appOrigin && input.origin === new URL(appOrigin).origin) return true;
    try {
      return new URL(input.origin).host === input.host;
    } catch {
      return false;
    }
  }
  if (input.secFetchSite) return input.secFetchSite === "same-origin" || input.secFetchSite === "none";
  // Neither header: not a browser page. A JSON body cannot be sent cross-site without a CORS
  // preflight (which we never grant), so an API client posting JSON (curl, a court's system
  // logging in at /api/v1/sessions) is not a forged request. Forms and plain text are refused.
  return isJson(input.contentType);
}
