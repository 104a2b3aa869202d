// Digest subscriptions from the web: subscribe (double opt-in: a pending
// subscriber and a confirmation email), confirm by the one-time link, and
// unsubscribe by the signed link in every email. Answers never tell a visitor
// whether an address was already subscribed: emails are only ever shown to
// their owner, in the mail sent to them.
import "server-only";
import { z } from "zod";
import { retryWhileBusy } from "@/lib/db/busy";
import { getPrisma } from "@/lib/db/client";
import { parseJsonArray } from "@/lib/json";
import { knownTopics, normalizeQuery } from "@/lib/listing-params";
import { confirmationEmail, scopeLine } from "@/lib/mail/templates";
import { confirmUrl, hashToken, newConfirmToken, verifyUnsubscribeToken } from "@/lib/mail/tokens";
import type { Mailer } from "@/lib/mail/transport";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

export const CONFIRM_HOURS = 24;
/** A pending address gets at most one confirmation email per this many minutes, however often the form is sent. */
export const RESEND_MINUTES = 2;

export const subscribeSchema = z.object({
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address")
    .max(254, "That email address is too long")
    .pipe(z.email("Enter a valid email address, like ada@example.org")),
  topics: z.array(z.string()).max(50).default([]).transform(knownTopics),
  query: z.string().max(1000).default("").transform(normalizeQuery),
});

export type SubscribeInput = z.input<typeof subscribeSchema>;

export const topicNames = (slugs: string[]) => slugs.map((s) => TOPIC_BY_SLUG.get(s)?.name ?? s);

/**
 * Starts (or restarts) a subscription and sends the confirmation email. A
 * confirmed address is left as it is and gets no email, with the same answer.
 */
export async function subscribe(
  input: z.output<typeof subscribeSchema>,
  deps: { site: string; mailer: Mailer; now?: Date },
): Promise<void> {
  const prisma = getPrisma();
  const now = deps.now ?? new Date();
  const existing = await prisma.subscriber.findUnique({ where: { email: input.email } });
  if (existing?.status === "confirmed") return;
  if (existing?.status === "pending" && existing.confirmExpiresAt) {
    const sentAt = existing.confirmExpiresAt.getTime() - CONFIRM_HOURS * 3_600_000;
    if (now.getTime() - sentAt < RESEND_MINUTES * 60_000) return;
  }
  const { token, hash } = newConfirmToken();
  const fields = {
    topics: JSON.stringify(input.topics),
    query: input.query,
    status: "pending",
    confirmHash: hash,
    confirmExpiresAt: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000),
  };
  await retryWhileBusy(() =>
    prisma.subscriber.upsert({
      where: { email: input.email },
      create: { email: input.email, ...fields },
      update: fields,
    }),
  );
  await deps.mailer.send(
    confirmationEmail({
      to: input.email,
      confirmUrl: confirmUrl(deps.site, token),
      scope: scopeLine(topicNames(input.topics), input.query),
      expiresHours: CONFIRM_HOURS,
    }),
  );
}

export type ConfirmResult = { ok: true; scope: string } | { ok: false; reason: "invalid" | "expired" };

/** Confirms the subscription a one-time token belongs to. The first digest covers papers added from now on. */
export async function confirmSubscription(token: string, now = new Date()): Promise<ConfirmResult> {
  const prisma = getPrisma();
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { ok: false, reason: "invalid" };
  const subscriber = await prisma.subscriber.findUnique({ where: { confirmHash: hashToken(token) } });
  if (!subscriber || subscriber.status !== "pending") return { ok: false, reason: "invalid" };
  if (!subscriber.confirmExpiresAt || subscriber.confirmExpiresAt < now) return { ok: false, reason: "expired" };
  // Conditional on the hash, so two clicks at once confirm once.
  const { count } = await retryWhileBusy(() =>
    prisma.subscriber.updateMany({
      where: { id: subscriber.id, confirmHash: subscriber.confirmHash },
      data: { status: "confirmed", confirmedAt: now, digestedThrough: now, confirmHash: null, confirmExpiresAt: null },
    }),
  );
  if (count === 0) return { ok: false, reason: "invalid" };
  return { ok: true, scope: scopeLine(topicNames(parseJsonArray<string>(subscriber.topics)), subscriber.query) };
}

/** Ends a subscription from its signed link. True when the link is genuine (also when already unsubscribed). */
export async function unsubscribe(subscriberId: number, token: string, secret: string, now = new Date()) {
  if (!Number.isSafeInteger(subscriberId) || subscriberId < 1) return false;
  if (!verifyUnsubscribeToken(subscriberId, token, secret)) return false;
  await retryWhileBusy(() =>
    getPrisma().subscriber.updateMany({
      where: { id: subscriberId, status: { not: "unsubscribed" } },
      data: { status: "unsubscribed", unsubscribedAt: now, confirmHash: null, confirmExpiresAt: null },
    }),
  );
  return true;
}
