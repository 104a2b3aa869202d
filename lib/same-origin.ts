// Whether a request was sent by a page of another site (cross-site request
// forgery). Browsers name the page's origin in the Origin header of every POST;
// a page elsewhere cannot forge it, nor the Host it sends to. The rule is Next's
// own check for server actions (the Origin's host must be the request's
// X-Forwarded-Host or Host), applied by proxy.ts to every mutation so a
// forged request gets a clear 403 instead of Next's 500. Pure.

/** The host in an Origin header ("evil.example", "127.0.0.1:3000"), "null" for an opaque origin, undefined when absent. */
function originHost(origin: string | null): string | undefined {
  if (origin === null) return undefined;
  if (origin === "null") return "null";
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return "null"; // Malformed: certainly not ours.
  }
}

/**
 * True when the Origin header names another host than the one the request
 * was sent to. A request without Origin is not cross-origin: browsers always
 * send one on POST, so it comes from a script or a mail server, which carries
 * no visitor's cookie unless its owner gave it one.
 */
export function isCrossOrigin(headers: Headers): boolean {
  const from = originHost(headers.get("origin"));
  if (from === undefined) return false;
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim().toLowerCase();
  const host = headers.get("host")?.trim().toLowerCase();
  return from !== forwarded && from !== host;
}
