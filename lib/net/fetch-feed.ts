// Downloads a feed by URL, for ingesting a feed straight from its publisher.
// Transient trouble (HTTP 429 and 5xx, resets, timeouts, a refused connection)
// is retried with exponential backoff; everything a user should see ends as a
// one-line FeedError naming what failed and where. Requests to one host are
// spaced by `minIntervalMs` (arXiv asks for 3 s). No console output: retries
// are reported through `onRetry`.
import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { FeedError } from "@/lib/feed/errors";
import packageJson from "@/package.json";

export type FetchOptions = {
  /** Per request, default 30 s: covers connecting, the headers and the whole body. Each redirect hop gets its own. */
  timeoutMs?: number;
  /** Extra attempts after the first, default 3. */
  retries?: number;
  /** Delay before the first retry, doubled for each further one; default 1 s. */
  backoffMs?: number;
  /** Default 50 MB. Refused up front when Content-Length says more; a streamed body is cut off past it. */
  maxBytes?: number;
  /** At least this long between the starts of two requests to the same host; default 0. */
  minIntervalMs?: number;
  /** Default "Papershelf/<version> (self-hosted paper browser)". */
  userAgent?: string;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called before each retry's delay; `attempt` is the number of the attempt about to be made (2 for the first retry). */
  onRetry?: (info: { attempt: number; reason: string; delayMs: number }) => void;
};

export type FetchedFeed = {
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL the feed finally came from, after redirects. */
  url: string;
  status: number;
};

const MB = 1024 * 1024;
export const DEFAULT_USER_AGENT = `Papershelf/${packageJson.version} (self-hosted paper browser)`;
const DEFAULTS = { timeoutMs: 30_000, retries: 3, backoffMs: 1_000, maxBytes: 50 * MB, minIntervalMs: 0 };
/** No retry waits longer, whatever Retry-After or the backoff say: a user is watching. */
const MAX_RETRY_DELAY_MS = 60_000;
const MAX_REDIRECTS = 10;
/** setTimeout fires at once for longer delays (they overflow 32 bits), so longer timeouts are clamped to this. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** When the last request to each host (`URL.host`: name and non-default port) started, or is booked to start. */
const lastStartByHost = new Map<string, number>();

/** Forgets every host's last request, so tests start with no one to wait for. */
export function resetHostClock(): void {
  lastStartByHost.clear();
}

type Resolved = Required<Omit<FetchOptions, "onRetry">> & Pick<FetchOptions, "onRetry">;

/** Downloads `url`, or throws FeedError with a one-line reason a user can act on. */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchedFeed> {
  const o: Resolved = {
    ...DEFAULTS,
    userAgent: DEFAULT_USER_AGENT,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
    ...definedOnly(options),
  };
  o.timeoutMs = Math.min(o.timeoutMs, MAX_TIMER_MS);
  const start = parseFeedUrl(url);
  const attempts = Math.max(0, Math.floor(o.retries)) + 1;
  for (let attempt = 1; ; attempt++) {
    let failure: AttemptFailure;
    try {
      return await attemptOnce(start, o);
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      failure = error;
    }
    if (!failure.retryable || attempt >= attempts) throw new FeedError(failure.finalMessage(attempt));
    // No jitter: one self-hosted instance is no thundering herd, and exact delays
    // let the CLI say truthfully how long it will wait.
    const delayMs = Math.min(failure.retryAfterMs ?? o.backoffMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
    o.onRetry?.({ attempt: attempt + 1, reason: failure.reason, delayMs });
    await o.sleep(delayMs);
  }
}

/** A failed attempt; becomes a FeedError once retrying is pointless or exhausted. */
class AttemptFailure {
  /** One line without the attempt count, e.g. "cannot reach 127.0.0.1:9". */
  readonly message: string;
  /** Short, for onRetry: "HTTP 503 Service Unavailable", "connection refused". */
  readonly reason: string;
  readonly retryable: boolean;
  /** Shown in parentheses after the message, together with the attempt count. */
  readonly detail?: string;
  readonly retryAfterMs?: number;

  constructor(f: { message: string; reason?: string; retryable?: boolean; detail?: string; retryAfterMs?: number }) {
    this.message = f.message;
    this.reason = f.reason ?? f.detail ?? f.message;
    this.retryable = f.retryable ?? false;
    this.detail = f.detail;
    this.retryAfterMs = f.retryAfterMs;
  }

  finalMessage(attempts: number): string {
    const notes = [this.detail, attempts > 1 ? `after ${attempts} attempts` : undefined].filter(Boolean);
    return notes.length ? `${this.message} (${notes.join(", ")})` : this.message;
  }
}

function parseFeedUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError(`not a valid URL: ${url}`);
  }
  if (!isHttp(parsed)) throw new FeedError("only http and https URLs can be fetched");
  // fetch itself refuses these with a TypeError that repeats the password.
  if (parsed.username || parsed.password) throw new FeedError("URLs with a user name or password cannot be fetched");
  return parsed;
}

const isHttp = (url: URL) => url.protocol === "http:" || url.protocol === "https:";

/** One attempt: the request and any redirects, each hop waiting its turn for its host. */
async function attemptOnce(start: URL, o: Resolved): Promise<FetchedFeed> {
  let url = start;
  for (let hops = 0; ; hops++) {
    const result = await requestOnce(url, o);
    if (!("redirect" in result)) return result;
    if (hops >= MAX_REDIRECTS) throw new AttemptFailure({ message: `too many redirects from ${start.href}` });
    if (!isHttp(result.redirect)) {
      throw new AttemptFailure({
        message: `${url.href} redirected to ${result.redirect.href}, which is not an http or https URL`,
      });
    }
    url = result.redirect;
  }
}

/** One HTTP request. Redirects are returned, not followed, so their scheme and count can be checked. */
async function requestOnce(url: URL, o: Resolved): Promise<FetchedFeed | { redirect: URL }> {
  await waitForHost(url, o);
  const controller = new AbortController();
  let timedOut = false;
  let settled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: "manual",
        signal: controller.signal,
        headers: { "user-agent": o.userAgent },
      });
    } catch (error) {
      if (timedOut) {
        const within = `within ${formatDuration(o.timeoutMs)}`;
        throw new AttemptFailure({
          message: `no response ${within} from ${url.href}`,
          reason: `no response ${within}`,
          retryable: true,
        });
      }
      throw networkFailure(error, url);
    }

    const location = response.headers.get("location");
    if (REDIRECTS.has(response.status) && location !== null) {
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        throw new AttemptFailure({ message: `${url.href} redirected to an invalid URL: ${location}` });
      }
      return { redirect: target };
    }
    if (!response.ok) throw httpFailure(response, url, o.now());

    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > o.maxBytes) throw tooLarge(url, o.maxBytes);
    let bytes: Uint8Array;
    try {
      bytes = await readLimited(response, o.maxBytes);
    } catch (error) {
      if (error === TOO_LARGE) throw tooLarge(url, o.maxBytes);
      if (timedOut) {
        const within = `within ${formatDuration(o.timeoutMs)}`;
        throw new AttemptFailure({
          message: `the response from ${url.href} did not finish ${within}`,
          reason: `response not finished ${within}`,
          retryable: true,
        });
      }
      throw networkFailure(error, url);
    }
    settled = true;
    return { bytes, contentType: response.headers.get("content-type"), url: url.href, status: response.status };
  } finally {
    clearTimeout(timer);
    // Drops the connection of any response whose body was not read to the end
    // (errors, redirects, oversize), rather than leaving it to drain or stall.
    if (!settled) controller.abort();
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TOO_LARGE = Symbol("too large");

/** Reads the body, holding at most `maxBytes` plus the chunk that crossed it. */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => {});
      throw TOO_LARGE;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Books the next start for the host (before sleeping, so concurrent fetches queue up) and waits for it. */
async function waitForHost(url: URL, o: Resolved): Promise<void> {
  const now = o.now();
  const last = lastStartByHost.get(url.host);
  const startAt = last === undefined ? now : Math.max(now, last + o.minIntervalMs);
  lastStartByHost.set(url.host, startAt);
  if (startAt > now) await o.sleep(startAt - now);
}

function httpFailure(response: Response, url: URL, now: number): AttemptFailure {
  const status = response.status;
  const label = `HTTP ${status} ${response.statusText || STATUS_CODES[status] || ""}`.trimEnd();
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = retryable ? parseRetryAfter(response.headers.get("retry-after"), now) : undefined;
  return new AttemptFailure({ message: `${label} from ${url.href}`, reason: label, retryable, retryAfterMs });
}

/** Retry-After in delay-seconds or as an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function tooLarge(url: URL, maxBytes: number): AttemptFailure {
  return new AttemptFailure({ message: `the response from ${url.href} is larger than ${formatSize(maxBytes)}` });
}

/**
 * Undici reports every network failure as `TypeError: fetch failed` (or
 * `terminated` mid-body); the real cause is an error code somewhere down `cause`.
 */
function networkFailure(error: unknown, url: URL): AttemptFailure {
  const code = errorCode(error);
  const host = url.host || url.hostname;
  switch (code) {
    case "ENOTFOUND":
      return new AttemptFailure({ message: `cannot resolve host ${url.hostname}` });
    case "EAI_AGAIN":
      return new AttemptFailure({
        message: `cannot resolve host ${url.hostname}`,
        detail: "DNS lookup failed",
        retryable: true,
      });
    case "ECONNREFUSED":
      return new AttemptFailure({
        message: `cannot reach ${hostAndPort(url)}`,
        detail: "connection refused",
        retryable: true,
      });
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return new AttemptFailure({
        message: `cannot reach ${hostAndPort(url)}`,
        detail: "connection timed out",
        retryable: true,
      });
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new AttemptFailure({
        message: `cannot reach ${hostAndPort(url)}`,
        detail: "no route to host",
        retryable: true,
      });
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return new AttemptFailure({
        message: `the connection to ${host} was closed before the response was complete`,
        reason: "connection closed early",
        retryable: true,
      });
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return new AttemptFailure({
        message: `the server at ${host} stopped responding`,
        reason: "server stopped responding",
        retryable: true,
      });
  }
  if (code && /CERT|SIGNATURE/.test(code)) {
    return new AttemptFailure({ message: `the TLS certificate of ${host} is not trusted`, detail: code });
  }
  // The Fetch standard blocks some ports (SMTP, IRC, X11, 9 "discard", ...) before connecting, with no code.
  if (causeMessages(error).includes("bad port")) {
    return new AttemptFailure({
      message: `port ${url.port} cannot be fetched from: it is reserved for a non-web protocol`,
    });
  }
  const detail = code ?? causeMessages(error).at(-1) ?? String(error);
  return new AttemptFailure({ message: `cannot fetch ${url.href}`, detail });
}

const hostAndPort = (url: URL) => `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;

/** The first `code` down the cause chain, looking inside AggregateErrors (happy eyeballs tries several addresses). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = errorCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return errorCode(cause, depth + 1);
}

function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) messages.push(e.message);
  return messages;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

function definedOnly(options: FetchOptions): FetchOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().min(min).max(max));

/** The environment variables, what they set, and what a valid value looks like (for the error message). */
const ENV_SETTINGS = [
  {
    name: "PAPERSHELF_FETCH_TIMEOUT_MS",
    key: "timeoutMs",
    schema: wholeNumber(1, 3_600_000),
    expected: "a whole number of milliseconds from 1 to 3600000",
  },
  {
    name: "PAPERSHELF_FETCH_RETRIES",
    key: "retries",
    schema: wholeNumber(0, 10),
    expected: "a whole number from 0 to 10",
  },
  {
    name: "PAPERSHELF_FETCH_BACKOFF_MS",
    key: "backoffMs",
    schema: wholeNumber(0, MAX_RETRY_DELAY_MS),
    expected: `a whole number of milliseconds from 0 to ${MAX_RETRY_DELAY_MS}`,
  },
  {
    name: "PAPERSHELF_FETCH_MAX_MB",
    key: "maxBytes",
    schema: z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().positive())
      .transform((mb) => Math.floor(mb * MB)),
    expected: "a number of megabytes greater than 0",
  },
] as const;

/**
 * Reads PAPERSHELF_FETCH_TIMEOUT_MS, PAPERSHELF_FETCH_RETRIES, PAPERSHELF_FETCH_BACKOFF_MS and
 * PAPERSHELF_FETCH_MAX_MB; unset or empty ones are left out. Throws an Error naming the variable for a bad value.

 * Takes a plain record, not NodeJS.ProcessEnv: Next's types make NODE_ENV required there.
 */
export function fetchOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): FetchOptions {
  const options: FetchOptions = {};
  for (const { name, key, schema, expected } of ENV_SETTINGS) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = schema.safeParse(raw.trim());
    if (!parsed.success) throw new Error(`${name} must be ${expected}, not ${JSON.stringify(raw)}`);
    options[key] = parsed.data;
  }
  return options;
}
