import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRateRule, RATE_LIMIT_SETTINGS, RateLimiter, rateLimitsFromEnv, type RateRule } from "@/lib/rate-limit";
import { isTooManyRequests, tooManyRequestsMessage } from "@/lib/too-many-requests";

/** A limiter on a clock the test moves by hand. */
function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new RateLimiter({ now: () => now });
  return { limiter, advance: (ms: number) => void (now += ms) };
}

const perMinute = (limit: number): RateRule => ({ limit, windowMs: 60_000 });

/** How many of `n` requests in a row (no time passing) are allowed. */
const allowedOf = (limiter: RateLimiter, key: string, rule: RateRule | null, n: number) =>
  Array.from({ length: n }, () => limiter.take(key, rule)).filter((d) => d.ok).length;

describe("RateLimiter", () => {
  it("allows a burst of `limit` requests at once, then refuses with the seconds until the next one", () => {
    const { limiter } = limiterAt();
    expect(allowedOf(limiter, "a", perMinute(5), 5)).toBe(5);
    // 5 a minute: one request comes back every 12 seconds.
    expect(limiter.take("a", perMinute(5))).toEqual({ ok: false, retryAfterSeconds: 12 });
  });

  it("refills evenly over the window: one request back after limit/window, the whole burst after the window", () => {
    const { limiter, advance } = limiterAt();
    allowedOf(limiter, "a", perMinute(6), 6);
    advance(9_999);
    expect(limiter.take("a", perMinute(6))).toEqual({ ok: false, retryAfterSeconds: 1 });
    advance(1);
    expect(limiter.take("a", perMinute(6))).toEqual({ ok: true });
    expect(limiter.take("a", perMinute(6)).ok).toBe(false);
    advance(60_000);
    expect(allowedOf(limiter, "a", perMinute(6), 10)).toBe(6);
  });

  it("never saves up more than one burst, however long a key was idle", () => {
    const { limiter, advance } = limiterAt();
    limiter.take("a", perMinute(3));
    advance(24 * 3_600_000);
    expect(allowedOf(limiter, "a", perMinute(3), 10)).toBe(3);
  });

  it("keeps each key's bucket apart: one visitor's burst does not use up another's", () => {
    const { limiter } = limiterAt();
    expect(allowedOf(limiter, "writes:visitor:1", perMinute(2), 5)).toBe(2);
    expect(allowedOf(limiter, "writes:visitor:2", perMinute(2), 5)).toBe(2);
  });

  it("refused requests do not push the retry time further out", () => {
    const { limiter, advance } = limiterAt();
    allowedOf(limiter, "a", perMinute(1), 1);
    for (let i = 0; i < 50; i++) limiter.take("a", perMinute(1));
    advance(60_000);
    expect(limiter.take("a", perMinute(1)).ok).toBe(true);
  });

  it("lets everything through for a class that is off (null rule)", () => {
    const { limiter } = limiterAt();
    expect(allowedOf(limiter, "a", null, 1000)).toBe(1000);
  });

  it("survives a clock that goes backwards without refusing more or allowing extra", () => {
    const { limiter, advance } = limiterAt();
    allowedOf(limiter, "a", perMinute(2), 2);
    advance(-30_000);
    expect(limiter.take("a", perMinute(2)).ok).toBe(false);
  });

  it("remembers at most maxKeys keys, forgetting the least recently used first", () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now, maxKeys: 3 });
    const rule = perMinute(1);
    for (const key of ["a", "b", "c"]) limiter.take(key, rule);
    limiter.take("a", rule); // refused, but "a" is now the most recent
    now += 1;
    limiter.take("d", rule);
    expect(limiter.size).toBe(3);
    // "b" was forgotten, so it has a full bucket again; "a" is still empty.
    expect(limiter.take("b", rule).ok).toBe(true);
    expect(limiter.take("a", rule).ok).toBe(false);
  });

  it("over any stretch of time, allows at most the burst plus what refilled meanwhile (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1_000, max: 600_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }),
        (limit, windowMs, gaps) => {
          let now = 0;
          const limiter = new RateLimiter({ now: () => now });
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (limiter.take("k", { limit, windowMs }).ok) allowed++;
          }
          return allowed <= limit + Math.floor((now * limit) / windowMs);
        },
      ),
    );
  });
});

describe("parseRateRule", () => {
  it.each([
    ["60/1m", { limit: 60, windowMs: 60_000 }],
    ["10/10m", { limit: 10, windowMs: 600_000 }],
    ["5/30s", { limit: 5, windowMs: 30_000 }],
    [" 100/1h ", { limit: 100, windowMs: 3_600_000 }],
    ["off", null],
    ["0", null],
  ])("reads %s", (value, rule) => {
    expect(parseRateRule(value)).toEqual(rule);
  });

  it.each(["60", "60/m", "0/1m", "1/0s", "-1/1m", "ten/1m", "60/1d", "1e3/1m"])("refuses %s", (value) => {
    expect(() => parseRateRule(value)).toThrow(/is not a rate like 60\/1m, 10\/10m or off/);
  });
});

describe("rateLimitsFromEnv", () => {
  it("uses the documented defaults, subscribe and link codes tighter than other writes", () => {
    const { limits, problems } = rateLimitsFromEnv({});
    expect(problems).toEqual([]);
    expect(limits).toEqual({
      writes: { limit: 60, windowMs: 60_000 },
      subscribe: { limit: 10, windowMs: 600_000 },
      "link-codes": { limit: 10, windowMs: 600_000 },
    });
    const perHour = (r: RateRule | null) => (r!.limit * 3_600_000) / r!.windowMs;
    expect(perHour(limits.subscribe)).toBeLessThan(perHour(limits.writes));
    expect(perHour(limits["link-codes"])).toBeLessThan(perHour(limits.writes));
  });

  it("takes each class from its variable, and off turns a class off", () => {
    const { limits } = rateLimitsFromEnv({
      PAPERSHELF_RATE_LIMIT_WRITES: "off",
      PAPERSHELF_RATE_LIMIT_SUBSCRIBE: "3/1h",
      PAPERSHELF_RATE_LIMIT_LINK_CODES: "",
    });
    expect(limits.writes).toBeNull();
    expect(limits.subscribe).toEqual({ limit: 3, windowMs: 3_600_000 });
    expect(limits["link-codes"]).toEqual(parseRateRule(RATE_LIMIT_SETTINGS["link-codes"].fallback));
  });

  it("reports a malformed value and keeps the default instead of failing", () => {
    const { limits, problems } = rateLimitsFromEnv({ PAPERSHELF_RATE_LIMIT_SUBSCRIBE: "lots" });
    expect(limits.subscribe).toEqual({ limit: 10, windowMs: 600_000 });
    expect(problems).toEqual([
      'PAPERSHELF_RATE_LIMIT_SUBSCRIBE: "lots" is not a rate like 60/1m, 10/10m or off; using 10/10m',
    ]);
  });
});

describe("tooManyRequestsMessage", () => {
  it.each([
    [1, "Too many requests: try again in 1 second."],
    [40, "Too many requests: try again in 40 seconds."],
    [0.2, "Too many requests: try again in 1 second."],
    [89, "Too many requests: try again in 89 seconds."],
    [541, "Too many requests: try again in 10 minutes."],
  ])("says how long to wait (%s s)", (seconds, message) => {
    expect(tooManyRequestsMessage(seconds)).toBe(message);
  });

  it("is recognised in the error Next's client throws for it, and nothing else is", () => {
    expect(isTooManyRequests(new Error(`${tooManyRequestsMessage(5)}\n`))).toBe(true);
    expect(isTooManyRequests(new Error("An unexpected response was received from the server."))).toBe(false);
    expect(isTooManyRequests("Too many requests")).toBe(false);
  });
});
