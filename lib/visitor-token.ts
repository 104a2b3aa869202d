// The visitor cookie's value: a random visitor id and an HMAC-SHA256 of it under
// the server's secret, so a browser can keep its identity but never forge or
// alter one. Pure: the secret and the cookie are passed in.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const VISITOR_COOKIE = "papershelf_visitor";
/** Browsers cap cookie lifetimes at 400 days. */
export const VISITOR_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

const visitorIdSchema = z.uuid();

const mac = (id: string, secret: string) => createHmac("sha256", secret).update(`visitor:${id}`).digest("base64url");

/** The cookie value for a visitor id. */
export function signVisitorId(id: string, secret: string): string {
  return `${visitorIdSchema.parse(id)}.${mac(id, secret)}`;
}

/** The visitor id in a cookie value, or null when it is missing, malformed, forged or tampered with. */
export function verifyVisitorToken(token: string | undefined | null, secret: string): string | null {
  if (!token || token.length > 200) return null;
  const dot = token.indexOf(".");
  const id = token.slice(0, dot);
  if (dot < 0 || !visitorIdSchema.safeParse(id).success) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(id, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
