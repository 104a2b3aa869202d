// Runs before every request Next serves (Next 16's proxy, formerly middleware):
//  1. mutations sent by a page of another site are refused (403), except the
//     RFC 8058 one-click unsubscribe, which mail providers POST from anywhere;
//  2. mutations over their rate limit get a 429 (lib/mutation-limits.ts);
//  3. every response gets a Content-Security-Policy with a fresh nonce, which
//     Next reads from the request's copy of the header and puts on its scripts.
// Server actions are POSTs to the page that shows them, so the matcher must not
// leave out any page. Static files need no policy and are left out.
import { NextResponse, type NextRequest } from "next/server";
import { ActionNames } from "@/lib/action-ids";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { createMutationLimiter, type MutationLimiter } from "@/lib/mutation-limits";
import { rateLimitsFromEnv } from "@/lib/rate-limit";
import { isCrossOrigin } from "@/lib/same-origin";
import { getSecret } from "@/lib/secret";
import { verifyVisitorToken } from "@/lib/visitor-token";

/** Cross-origin POSTs allowed here: one-click unsubscribe links are signed, and use no cookie to forge. */
const CROSS_ORIGIN_POSTS = new Set(["/unsubscribe"]);

// One limiter per server process. Kept on globalThis so that buckets survive if
// Next ever loads this module twice.
const globalForLimits = globalThis as unknown as { papershelfMutationLimiter?: MutationLimiter };

function mutationLimiter(): MutationLimiter {
  if (!globalForLimits.papershelfMutationLimiter) {
    const { limits, problems } = rateLimitsFromEnv(process.env);
    for (const problem of problems) console.error(`papershelf: ${problem}`);
    const names = ActionNames.forBuild();
    globalForLimits.papershelfMutationLimiter = createMutationLimiter({
      limits,
      actionName: (id) => names.nameOf(id),
      verifyVisitor: (cookie) => verifyVisitorToken(cookie, getSecret()),
    });
  }
  return globalForLimits.papershelfMutationLimiter;
}

const plain = (status: number, text: string) =>
  new NextResponse(`${text}\n`, { status, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });

export async function proxy(request: NextRequest) {
  const mutating = request.method !== "GET" && request.method !== "HEAD" && request.method !== "OPTIONS";
  if (mutating && !CROSS_ORIGIN_POSTS.has(request.nextUrl.pathname) && isCrossOrigin(request.headers))
    return plain(403, "Cross-origin request refused: this form must be sent from this site's own pages.");
  const limited = await mutationLimiter().check(request);
  if (limited) return limited;

  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === "development",
    https: request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https",
  });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but build assets (hashed files under /_next/static and image optimisation).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
