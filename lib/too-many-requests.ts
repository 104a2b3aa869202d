// The one-line message of a request refused by the rate limits (lib/rate-limit.ts),
// shared by the server that sends it and the browser that shows it. No imports:
// client components use it, and it must not pull anything into their bundle.

/** How every refusal's message starts; the browser recognises a refusal by it. */
export const TOO_MANY_REQUESTS = "Too many requests";

/** The one line a refused request gets, e.g. "Too many requests: try again in 40 seconds." */
export function tooManyRequestsMessage(retryAfterSeconds: number): string {
  const s = Math.max(1, Math.ceil(retryAfterSeconds));
  const wait = s < 90 ? `${s} ${s === 1 ? "second" : "seconds"}` : `${Math.ceil(s / 60)} minutes`;
  return `${TOO_MANY_REQUESTS}: try again in ${wait}.`;
}

/**
 * Whether an error thrown by a server action call is the server refusing it for
 * too many requests. Next's client turns a text/plain error response into an
 * Error with the response's text as its message.
 */
export const isTooManyRequests = (error: unknown): error is Error =>
  error instanceof Error && error.message.startsWith(TOO_MANY_REQUESTS);
