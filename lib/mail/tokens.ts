// The tokens in subscription emails. A confirmation link carries a random
// one-time token whose SHA-256 alone is stored; an unsubscribe link carries an
// HMAC of the subscriber's id under the server secret, so every email can carry
// a working link without storing one, and it cannot be guessed for someone else.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function unsubscribeToken(subscriberId: number, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${subscriberId}`).digest("base64url").slice(0, 32);
}

export function verifyUnsubscribeToken(subscriberId: number, token: string, secret: string): boolean {
  const expected = Buffer.from(unsubscribeToken(subscriberId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const confirmUrl = (site: string, token: string) =>
  `${site}/subscribe/confirm?token=${encodeURIComponent(token)}`;

export const unsubscribeUrl = (site: string, subscriberId: number, secret: string) =>
  `${site}/unsubscribe?s=${subscriberId}&t=${unsubscribeToken(subscriberId, secret)}`;
