// Rate limits on every request that changes something (server actions, the
// unsubscribe and confirm links), applied by proxy.ts before Next runs them:
// which limit class a request falls in, whose bucket it takes from (the signed
// visitor cookie's id, else the client's address), and the 429 it gets when
// the bucket is empty. Never throws: a limiter that fails lets the request
// through rather than turning it into a 5xx.
import { actionIdsOf } from "@/lib/action-ids";
import { RateLimiter, type RateClass, type RateDecision, type RateLimits } from "@/lib/rate-limit";
import { tooManyRequestsMessage } from "@/lib/too-many-requests";
import { VISITOR_COOKIE } from "@/lib/visitor-token";

/** Server actions with tighter limits than the default "writes", by exported name (lib/actions/*). */
const ACTION_CLASSES = new Map<string, RateClass>([
  ["subscribeToDigest", "subscribe"],
  ["makeLinkCode", "link-codes"],
  ["enterLinkCode", "link-codes"],
]);

/** GET routes that change something: the links in emails (token-checked, and limited like other writes). */
const MUTATING_GETS = new Set(["/subscribe/confirm", "/unsubscribe"]);

/** Whether a request changes something, and so is rate-limited. HEAD too: Next answers it with the GET handler. */
export function isMutation(method: string, pathname: string): boolean {
  if (method === "GET" || method === "HEAD") return MUTATING_GETS.has(pathname);
  return method !== "OPTIONS";
}

/** The limit class of a server action, by name; anything else (or no action) is "writes". */
export const rateClassOf = (actionName: string | undefined): RateClass =>
  (actionName && ACTION_CLASSES.get(actionName)) || "writes";

/** The classes a request is charged to: each of the actions it names, or "writes" when it names none. */
export function rateClassesOf(actionNames: (string | undefined)[]): RateClass[] {
  return actionNames.length ? [...new Set(actionNames.map(rateClassOf))] : ["writes"];
}

/**
 * Whose bucket a request takes from: its visitor id when the cookie's signature
 * checks out (a forged cookie would otherwise buy a fresh bucket per request),
 * else the client's address. That is the last X-Forwarded-For entry: Next sets
 * it from the connection, and a reverse proxy in front appends the address it
 * saw, so the last entry is the one no client can choose.
 */
export function clientKey(headers: Headers, verifyVisitor: (cookie: string) => string | null): string {
  const cookie = cookieValue(headers.get("cookie"), VISITOR_COOKIE);
  const visitor = cookie ? verifyVisitor(cookie) : null;
  if (visitor) return `visitor:${visitor}`;
  const address = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return `ip:${address || "unknown"}`;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** 429 with Retry-After and one plain line, which Next's client shows as the failed action's error message. */
export function tooManyRequestsResponse(retryAfterSeconds: number): Response {
  return new Response(`${tooManyRequestsMessage(retryAfterSeconds)}\n`, {
    status: 429,
    headers: {
      "Retry-After": String(retryAfterSeconds),
      // Exactly "text/plain": Next's client only passes the text on as the error message for that type.
      "Content-Type": "text/plain",
      "Cache-Control": "no-store",
    },
  });
}

export type MutationLimiter = {
  /** A 429 response when the request is over its limit, else null (go ahead). */
  check(request: Request): Promise<Response | null>;
};

export function createMutationLimiter(options: {
  limits: RateLimits;
  /** The exported name of a server action by id (lib/action-ids.ts). */
  actionName: (id: string) => string | undefined;
  /** The visitor id in a signed cookie value, or null. */
  verifyVisitor: (cookie: string) => string | null;
  limiter?: RateLimiter;
}): MutationLimiter {
  const limiter = options.limiter ?? new RateLimiter();
  let reported = false;
  return {
    async check(request) {
      try {
        const { pathname } = new URL(request.url);
        if (!isMutation(request.method, pathname)) return null;
        const names = (await actionIdsOf(request)).map((id) => options.actionName(id));
        const who = clientKey(request.headers, options.verifyVisitor);
        const refusals = rateClassesOf(names)
          .map((cls) => limiter.take(`${cls}:${who}`, options.limits[cls]))
          .filter((d): d is Extract<RateDecision, { ok: false }> => !d.ok);
        return refusals.length ? tooManyRequestsResponse(Math.max(...refusals.map((d) => d.retryAfterSeconds))) : null;
      } catch (error) {
        // Fail open: a broken limiter must not refuse everyone, nor answer 500.
        if (!reported) console.error(`papershelf: rate limit check failed, letting requests through: ${error}`);
        reported = true;
        return null;
      }
    },
  };
}
