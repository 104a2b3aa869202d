// Who the current browser is: the visitor id in its signed cookie. Reading never
// creates an identity; the first bookmark does (ensureVisitorId). A missing,
// forged or tampered cookie reads as "no identity yet", never as someone else.
import "server-only";
import { cookies, headers } from "next/headers";
import { getSecret } from "@/lib/secret";
import { signVisitorId, verifyVisitorToken, VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE } from "@/lib/visitor-token";

/** The current visitor's id, or null before their first bookmark. */
export async function currentVisitorId(): Promise<string | null> {
  return verifyVisitorToken((await cookies()).get(VISITOR_COOKIE)?.value, getSecret());
}

/** Whether this request came over https (directly or through a proxy that says so). */
async function isHttps(): Promise<boolean> {
  const h = await headers();
  return (
    h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" || (h.get("origin") ?? "").startsWith("https://")
  );
}

/** Sets the cookie that makes this browser the given visitor (in server actions and route handlers). */
export async function setVisitorCookie(visitorId: string): Promise<void> {
  (await cookies()).set(VISITOR_COOKIE, signVisitorId(visitorId, getSecret()), {
    httpOnly: true,
    sameSite: "lax",
    secure: await isHttps(),
    path: "/",
    maxAge: VISITOR_COOKIE_MAX_AGE,
  });
}

/**
 * The current visitor's id, giving the browser one (and its cookie) when it has
 * none yet. The Visitor row is made by the writes that need it (lib/bookmarks.ts
 * ensureVisitor), once, not here as well.
 */
export async function ensureVisitorId(): Promise<string> {
  const existing = await currentVisitorId();
  if (existing) return existing;
  const id = crypto.randomUUID();
  await setVisitorCookie(id);
  return id;
}
