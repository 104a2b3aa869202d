import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FeedError } from "@/lib/feed/errors";
import { fetchFeed, fetchOptionsFromEnv, resetHostClock, type FetchOptions } from "@/lib/net/fetch-feed";
import { closedPort, startFixtureServer, type FixtureServer, type Route } from "@/tests/helpers/http-fixture";

const FEED = "Trending papers, 29 Nov 2026\n\n1. Sparse Experts at Scale — ünïcode survives\n";
const KB = 1024;

const servers: FixtureServer[] = [];
async function serve(routes: Record<string, Route>): Promise<FixtureServer> {
  const server = await startFixtureServer(routes);
  servers.push(server);
  return server;
}
beforeEach(() => resetHostClock());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A sleep that returns at once and remembers what it was asked to wait. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

/** Small limits and no real waiting; each test overrides what it is about. */
function quick(extra: FetchOptions = {}): FetchOptions {
  return { timeoutMs: 2_000, retries: 3, backoffMs: 10, sleep: async () => {}, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe("downloading a feed", () => {
  it("returns the exact bytes, content type and status of a successful response", async () => {
    const server = await serve({
      "/feed.txt": { headers: { "content-type": "text/plain; charset=utf-8" }, body: FEED },
    });
    const fetched = await fetchFeed(`${server.url}/feed.txt`, quick());
    expect(new TextDecoder().decode(fetched.bytes)).toBe(FEED);
    expect(fetched).toMatchObject({
      contentType: "text/plain; charset=utf-8",
      status: 200,
      url: `${server.url}/feed.txt`,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("identifies itself as Papershelf with its version", async () => {
    const server = await serve({ "/feed.txt": { body: FEED } });
    await fetchFeed(`${server.url}/feed.txt`, quick());
    expect(server.requests[0]?.headers["user-agent"]).toMatch(
      /^Papershelf\/\d+\.\d+\.\d+ \(self-hosted paper browser\)$/,
    );
  });

  it("follows redirects and reports the URL the feed finally came from", async () => {
    const server = await serve({
      "/old": { status: 301, headers: { location: "/moved" } },
      "/moved": { status: 302, headers: { location: "/feed.txt" } },
      "/feed.txt": { body: FEED },
    });
    const fetched = await fetchFeed(`${server.url}/old`, quick());
    expect(new TextDecoder().decode(fetched.bytes)).toBe(FEED);
    expect(fetched.url).toBe(`${server.url}/feed.txt`);
    expect(server.requests.map((r) => r.path)).toEqual(["/old", "/moved", "/feed.txt"]);
  });

  it("refuses a redirect to a non-http URL instead of following it", async () => {
    const server = await serve({ "/feed.txt": { status: 302, headers: { location: "file:///etc/passwd" } } });
    const error = await failure(fetchFeed(`${server.url}/feed.txt`, quick()));
    expect(error.message).toBe(
      `${server.url}/feed.txt redirected to file:///etc/passwd, which is not an http or https URL`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("refuses URLs that are not http or https, and text that is not a URL", async () => {
    for (const url of ["ftp://example.com/feed.txt", "file:///tmp/feed.txt", "data:text/plain,hello"]) {
      expect((await failure(fetchFeed(url, quick()))).message).toBe("only http and https URLs can be fetched");
    }
    expect((await failure(fetchFeed("feeds/today.txt", quick()))).message).toBe("not a valid URL: feeds/today.txt");
  });
});

describe("HTTP errors and retries", () => {
  it("fails at once on 404 with the status and URL in the message", async () => {
    const server = await serve({});
    const { delays, sleep } = recordingSleep();
    const error = await failure(fetchFeed(`${server.url}/missing.txt`, quick({ sleep })));
    expect(error.message).toBe(`HTTP 404 Not Found from ${server.url}/missing.txt`);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("retries a 500 and returns the feed once the server recovers", async () => {
    const server = await serve({ "/feed.txt": [{ status: 500 }, { body: FEED }] });
    const retries: unknown[] = [];
    const fetched = await fetchFeed(`${server.url}/feed.txt`, quick({ onRetry: (info) => retries.push(info) }));
    expect(new TextDecoder().decode(fetched.bytes)).toBe(FEED);
    expect(server.requests).toHaveLength(2);
    expect(retries).toEqual([{ attempt: 2, reason: "HTTP 500 Internal Server Error", delayMs: 10 }]);
  });

  it("retries when the server drops the connection, and says so when it keeps dropping it", async () => {
    let served = 0;
    const server = await serve({
      "/flaky.txt": (req) => {
        if (served++ === 0) req.socket.destroy();
        return { body: FEED };
      },
      "/broken.txt": (req) => {
        req.socket.destroy();
        return {};
      },
    });
    const retries: unknown[] = [];
    const fetched = await fetchFeed(`${server.url}/flaky.txt`, quick({ onRetry: (info) => retries.push(info) }));
    expect(new TextDecoder().decode(fetched.bytes)).toBe(FEED);
    expect(retries).toEqual([{ attempt: 2, reason: "connection closed early", delayMs: 10 }]);
    const error = await failure(fetchFeed(`${server.url}/broken.txt`, quick({ retries: 1 })));
    expect(error.message).toBe(
      "the connection to " +
        new URL(server.url).host +
        " was closed before the response was complete (after 2 attempts)",
    );
  });

  it("gives up on a lasting 503 after the configured retries, doubling the wait each time", async () => {
    const server = await serve({ "/feed.txt": { status: 503 } });
    const { delays, sleep } = recordingSleep();
    const error = await failure(fetchFeed(`${server.url}/feed.txt`, quick({ sleep, retries: 3 })));
    expect(error.message).toBe(`HTTP 503 Service Unavailable from ${server.url}/feed.txt (after 4 attempts)`);
    expect(server.requests).toHaveLength(4);
    expect(delays).toEqual([10, 20, 40]);
  });

  it("waits as many seconds as a 429's Retry-After asks before retrying", async () => {
    const server = await serve({ "/feed.txt": [{ status: 429, headers: { "retry-after": "7" } }, { body: FEED }] });
    const { delays, sleep } = recordingSleep();
    await fetchFeed(`${server.url}/feed.txt`, quick({ sleep }));
    expect(delays).toEqual([7_000]);
    expect(server.requests).toHaveLength(2);
  });

  it("waits until the time a Retry-After date names", async () => {
    const now = Date.parse("Sun, 29 Nov 2026 12:00:00 GMT");
    const server = await serve({
      "/feed.txt": [{ status: 503, headers: { "retry-after": "Sun, 29 Nov 2026 12:00:05 GMT" } }, { body: FEED }],
    });
    const { delays, sleep } = recordingSleep();
    await fetchFeed(`${server.url}/feed.txt`, quick({ sleep, now: () => now }));
    expect(delays).toEqual([5_000]);
  });

  it("waits at most a minute however long Retry-After asks for", async () => {
    const server = await serve({ "/feed.txt": [{ status: 429, headers: { "retry-after": "3600" } }, { body: FEED }] });
    const { delays, sleep } = recordingSleep();
    await fetchFeed(`${server.url}/feed.txt`, quick({ sleep }));
    expect(delays).toEqual([60_000]);
  });
});

describe("timeouts", () => {
  it("gives up with a clear message when the server does not answer in time", async () => {
    const server = await serve({ "/feed.txt": { delayMs: 30_000, body: FEED } });
    const error = await failure(fetchFeed(`${server.url}/feed.txt`, quick({ timeoutMs: 200, retries: 1 })));
    expect(error.message).toBe(`no response within 200 ms from ${server.url}/feed.txt (after 2 attempts)`);
    expect(server.requests).toHaveLength(2);
  });

  it("times out a response whose body stalls after the headers", async () => {
    const server = await serve({
      "/feed.txt": { headers: { "content-length": "1000" }, body: "Trending papers", stallBody: true },
    });
    const error = await failure(fetchFeed(`${server.url}/feed.txt`, quick({ timeoutMs: 200, retries: 0 })));
    expect(error.message).toBe(`the response from ${server.url}/feed.txt did not finish within 200 ms`);
  });
});

describe("the size limit", () => {
  it("refuses a response whose Content-Length is over the limit without reading the body", async () => {
    // The body never comes: reading it would end in a timeout, not this refusal.
    const server = await serve({
      "/feed.txt": { headers: { "content-length": String(10 * 1024 * KB) }, stallBody: true },
    });
    const error = await failure(fetchFeed(`${server.url}/feed.txt`, quick({ maxBytes: 1024 * KB, retries: 0 })));
    expect(error.message).toBe(`the response from ${server.url}/feed.txt is larger than 1 MB`);
    expect(server.requests).toHaveLength(1);
  });

  it("stops reading a streamed response without Content-Length once it passes the limit", async () => {
    // Sixteen 1 KB chunks and then a stall: only cutting the stream off at the limit avoids a timeout.
    const chunks = Array.from({ length: 16 }, () => "x".repeat(KB));
    const server = await serve({ "/feed.txt": { chunks, stallBody: true } });
    const error = await failure(fetchFeed(`${server.url}/feed.txt`, quick({ maxBytes: 4 * KB, retries: 0 })));
    expect(error.message).toBe(`the response from ${server.url}/feed.txt is larger than 4 KB`);
    expect(server.requests).toHaveLength(1);
  });

  it("accepts a streamed response of exactly the limit", async () => {
    const server = await serve({ "/feed.txt": { chunks: ["a".repeat(2 * KB), "b".repeat(2 * KB)] } });
    const fetched = await fetchFeed(`${server.url}/feed.txt`, quick({ maxBytes: 4 * KB }));
    expect(fetched.bytes.byteLength).toBe(4 * KB);
  });
});

describe("unreachable servers", () => {
  it("names the host and port when nothing listens there, after retrying", async () => {
    const port = await closedPort();
    const { delays, sleep } = recordingSleep();
    const error = await failure(fetchFeed(`http://127.0.0.1:${port}/feed.txt`, quick({ sleep, retries: 2 })));
    expect(error.message).toBe(`cannot reach 127.0.0.1:${port} (connection refused, after 3 attempts)`);
    expect(delays).toEqual([10, 20]);
  });

  it("explains that a port fetch refuses to use (here X11's 6000) cannot be fetched from", async () => {
    const error = await failure(fetchFeed("http://127.0.0.1:6000/feed.txt", quick()));
    expect(error.message).toBe("port 6000 cannot be fetched from: it is reserved for a non-web protocol");
  });
});

describe("spacing requests to one host", () => {
  /** A clock that only moves when the fetcher sleeps (or a test moves it). */
  function fakeTime() {
    const time = { now: 1_000_000, delays: [] as number[] };
    const options: FetchOptions = {
      now: () => time.now,
      sleep: async (ms) => {
        time.delays.push(ms);
        time.now += ms;
      },
    };
    return { time, options };
  }

  it("makes a second request to the same host wait out the minimum interval", async () => {
    const server = await serve({ "/a.txt": { body: FEED }, "/b.txt": { body: FEED } });
    const { time, options } = fakeTime();
    await fetchFeed(`${server.url}/a.txt`, quick({ ...options, minIntervalMs: 3_000 }));
    expect(time.delays).toEqual([]);
    await fetchFeed(`${server.url}/b.txt`, quick({ ...options, minIntervalMs: 3_000 }));
    expect(time.delays).toEqual([3_000]);
    expect(server.requests).toHaveLength(2);
  });

  it("waits only for what is left of the interval, and not at all for another host", async () => {
    const first = await serve({ "/feed.txt": { body: FEED } });
    const other = await serve({ "/feed.txt": { body: FEED } });
    const { time, options } = fakeTime();
    await fetchFeed(`${first.url}/feed.txt`, quick({ ...options, minIntervalMs: 3_000 }));
    time.now += 1_200;
    await fetchFeed(`${other.url}/feed.txt`, quick({ ...options, minIntervalMs: 3_000 }));
    expect(time.delays).toEqual([]);
    await fetchFeed(`${first.url}/feed.txt`, quick({ ...options, minIntervalMs: 3_000 }));
    expect(time.delays).toEqual([1_800]);
  });

  it("spaces retries too, counting the backoff already waited", async () => {
    const server = await serve({ "/feed.txt": [{ status: 503 }, { body: FEED }] });
    const { time, options } = fakeTime();
    await fetchFeed(`${server.url}/feed.txt`, quick({ ...options, minIntervalMs: 3_000, backoffMs: 1_000 }));
    expect(time.delays).toEqual([1_000, 2_000]);
  });
});

describe("configuration from the environment", () => {
  it("reads all four variables, the size in megabytes", () => {
    const options = fetchOptionsFromEnv({
      PAPERSHELF_FETCH_TIMEOUT_MS: "5000",
      PAPERSHELF_FETCH_RETRIES: "0",
      PAPERSHELF_FETCH_BACKOFF_MS: " 250 ",
      PAPERSHELF_FETCH_MAX_MB: "2.5",
    });
    expect(options).toEqual({ timeoutMs: 5_000, retries: 0, backoffMs: 250, maxBytes: 2.5 * 1024 * KB });
  });

  it("leaves unset and empty variables to the defaults", () => {
    expect(fetchOptionsFromEnv({ PAPERSHELF_FETCH_RETRIES: "" })).toEqual({});
  });

  it.each([
    ["PAPERSHELF_FETCH_TIMEOUT_MS", "30s"],
    ["PAPERSHELF_FETCH_TIMEOUT_MS", "0"],
    ["PAPERSHELF_FETCH_RETRIES", "-1"],
    ["PAPERSHELF_FETCH_RETRIES", "three"],
    ["PAPERSHELF_FETCH_BACKOFF_MS", "1.5"],
    ["PAPERSHELF_FETCH_MAX_MB", "0"],
    ["PAPERSHELF_FETCH_MAX_MB", "lots"],
  ])("rejects %s=%s with a one-line message naming the variable", (name, value) => {
    expect(() => fetchOptionsFromEnv({ [name]: value })).toThrow(
      new RegExp(`^${name} must be .*, not "${value.replace(".", "\\.")}"$`),
    );
  });
});
