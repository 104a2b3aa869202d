// Per-visitor rate limits for mutations: an in-memory token bucket per key
// (a limit class and who is asking), the limits of each class and how to read
// them from the environment, and the one-line message a refused request gets.
// Pure: the clock is injected, the environment is passed in as a plain record;
// no Next, no I/O. The refusal's message is lib/too-many-requests.ts.
import { z } from "zod";

/** A bucket of `limit` requests that refills evenly over `windowMs`: `limit` at once, then `limit` per window. */
export type RateRule = { limit: number; windowMs: number };

/** The limit classes: link codes and the subscribe form are tighter than bookmark toggles and other writes. */
export const RATE_CLASSES = ["writes", "subscribe", "link-codes"] as const;
export type RateClass = (typeof RATE_CLASSES)[number];

/** null: that class is not limited. */
export type RateLimits = Record<RateClass, RateRule | null>;

/** The environment variable and the default of each class (README, "Security"). */
export const RATE_LIMIT_SETTINGS: Record<RateClass, { env: string; fallback: string }> = {
  // Bookmark toggles, notes, tags, imports, unsubscribe links: a person clicks far slower than one a second for long.
  writes: { env: "PAPERSHELF_RATE_LIMIT_WRITES", fallback: "60/1m" },
  // Each subscribe may send an email: a handful of tries (typos included) per ten minutes is plenty.
  subscribe: { env: "PAPERSHELF_RATE_LIMIT_SUBSCRIBE", fallback: "10/10m" },
  // A code is 8 letters from 31 and lives ten minutes; ten guesses per ten minutes makes guessing hopeless.
  "link-codes": { env: "PAPERSHELF_RATE_LIMIT_LINK_CODES", fallback: "10/10m" },
};

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "60/1m", "10/10m", "5/30s", "100/1h"; "off" (or "0") turns the limit off. */
export const rateRuleSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === "off" || s === "0") return null;
    const m = /^(\d{1,9})\/(\d{1,6})(s|m|h)$/.exec(s);
    const limit = Number(m?.[1]);
    const windowMs = Number(m?.[2]) * UNIT_MS[(m?.[3] ?? "s") as keyof typeof UNIT_MS];
    if (!m || limit < 1 || windowMs < 1) {
      ctx.addIssue({ code: "custom", message: `"${s.slice(0, 40)}" is not a rate like 60/1m, 10/10m or off` });
      return z.NEVER;
    }
    return { limit, windowMs };
  });

export const parseRateRule = (value: string): RateRule | null => rateRuleSchema.parse(value);

/**
 * The limits from environment variables, each falling back to its default.
 * A malformed value is reported in `problems` and replaced by the default: a
 * typo in a limit must not take the site down.
 */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): {
  limits: RateLimits;
  problems: string[];
} {
  const problems: string[] = [];
  const limits = {} as RateLimits;
  for (const cls of RATE_CLASSES) {
    const { env: name, fallback } = RATE_LIMIT_SETTINGS[cls];
    const given = env[name];
    const parsed = given === undefined || given.trim() === "" ? null : rateRuleSchema.safeParse(given);
    if (parsed && !parsed.success) problems.push(`${name}: ${parsed.error.issues[0]?.message}; using ${fallback}`);
    limits[cls] = parsed?.success ? parsed.data : parseRateRule(fallback);
  }
  return { limits, problems };
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

/**
 * Token buckets by key, in memory (one server process). Never throws. Keys
 * not used for a while are forgotten first when there are more than `maxKeys`;
 * forgetting a bucket only refills it, so memory stays bounded and nobody is
 * ever refused because of someone else.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor({ now = Date.now, maxKeys = 20_000 }: { now?: () => number; maxKeys?: number } = {}) {
    this.now = now;
    this.maxKeys = maxKeys;
  }

  /** Takes one request from `key`'s bucket under `rule`: allowed, or refused with the seconds until one is allowed. */
  take(key: string, rule: RateRule | null): RateDecision {
    if (!rule) return { ok: true };
    const now = this.now();
    const perMs = rule.limit / rule.windowMs;
    const bucket = this.buckets.get(key);
    // A clock that went backwards adds nothing rather than taking away.
    const elapsed = bucket ? Math.max(0, now - bucket.at) : Infinity;
    const tokens = Math.min(rule.limit, (bucket?.tokens ?? rule.limit) + elapsed * perMs);
    // Re-inserted so the Map's order is least recently used first.
    this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.evict();
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }

  /** How many keys are remembered (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private evict() {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}
