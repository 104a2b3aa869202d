// `npm run ingest -- <url>` and the --source shortcuts, run as a user runs them:
// the real CLI in a child process, against a fixture HTTP server on 127.0.0.1.
// The child is spawned asynchronously (never spawnSync): the fixture server lives
// in this process and must keep answering while the CLI runs.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { createTempCatalog, snapshot, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";
import { closedPort, startFixtureServer, type FixtureServer, type Route } from "@/tests/helpers/http-fixture";
import { runScriptAsync, type RunResult } from "@/tests/helpers/run";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/feeds", name));
const HF_DAILY = fixture("hf-daily.json");
const ARXIV_QUERY = fixture("arxiv-query.xml");
const ARXIV_ERROR = fixture("arxiv-error.xml");

let cat: TempCatalog;
const servers: FixtureServer[] = [];
beforeEach(() => {
  cat = createTempCatalog();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  cat.cleanup();
});

async function serve(routes: Record<string, Route>): Promise<FixtureServer> {
  const server = await startFixtureServer(routes);
  servers.push(server);
  return server;
}

/**
 * Runs `npm run ingest -- ...args` (tsx scripts/ingest.ts) on the test catalog. Downloads get a
 * short timeout and no retries unless a test says otherwise, and the API base URLs point nowhere
 * real: a shortcut test that forgot to set them would fail, never reach the internet.
 */
function ingest(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runScriptAsync("scripts/ingest.ts", args, {
    DATABASE_URL: cat.url,
    PAPERSHELF_FETCH_TIMEOUT_MS: "5000",
    PAPERSHELF_FETCH_RETRIES: "0",
    PAPERSHELF_FETCH_BACKOFF_MS: "1",
    PAPERSHELF_FETCH_MAX_MB: "",
    PAPERSHELF_HF_URL: "http://127.0.0.1:9/unset",
    PAPERSHELF_ARXIV_URL: "http://127.0.0.1:9/unset",
    PAPERSHELF_DEBUG: "",
    ...env,
  });
}

/** stderr of a download that failed: the "fetching <url>" progress line, then exactly one line of reason. */
function failureLine(result: RunResult, url: string): string {
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines[0]).toBe(`fetching ${url}`);
  expect(lines.slice(1), result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\bat .*\(|Error:|node:internal/);
  return lines[1]!;
}

type Row = Record<string, unknown>;
const paperById = (arxivId: string) =>
  cat.db.prepare("SELECT * FROM Paper WHERE arxivId = ?").get(arxivId) as Row | undefined;
const paperDays = () =>
  cat.db.prepare("SELECT DISTINCT feedDate FROM Appearance ORDER BY feedDate").pluck().all() as string[];
const lastRun = () =>
  cat.db.prepare("SELECT source, format, status, added, message FROM IngestRun ORDER BY id DESC LIMIT 1").get() as Row;
/** A catalog with something in it, so "left unchanged" means something. */
const withSample = () => ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });

describe("ingesting a feed by URL", () => {
  it("downloads a Hugging Face list, prints the summary and puts its papers in the catalog", async () => {
    const server = await serve({
      "/api/daily_papers": { headers: { "content-type": "application/json" }, body: HF_DAILY },
    });
    const url = `${server.url}/api/daily_papers`;
    const result = await ingest([url]);
    expect(result.stdout).toBe(
      'added 7, updated 0, unchanged 0, rejected 1\nrejected entry 6 "(no title)": has no title\n',
    );
    expect(result.stderr).toBe(`fetching ${url}\n`);
    expect(result.status).toBe(0);
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([["GET", "/api/daily_papers"]]);

    const prune = paperById("2511.01234");
    expect(prune).toMatchObject({
      title: "Prune As You Go: Token Pruning for Diffusion Transformers Without Retraining",
      textSource: "hf",
      upvotes: 87,
      githubStars: 412,
      githubRepo: "https://github.com/prune-lab/prune-as-you-go",
      firstFeedDate: "2025-11-04",
    });
    expect(JSON.parse(String(prune!.authors))).toEqual(["Jane Doe", "Wei Zhang", "Priya Raman"]);
    // "2511.00042v2" is stored without its version; a negative upvote count is dropped, not the paper.
    expect(paperById("2511.00042")).toBeDefined();
    expect(paperById("2511.01555")).toMatchObject({ upvotes: null });
    expect(paperDays()).toEqual(["2025-11-03", "2025-11-04"]);
    expect(lastRun()).toMatchObject({ source: url, format: "hf", status: "succeeded", added: 7 });
  });

  it("tells an arXiv Atom feed from its content, whatever the server calls it", async () => {
    const server = await serve({ "/download": { headers: { "content-type": "text/plain" }, body: ARXIV_QUERY } });
    const result = await ingest([`${server.url}/download`]);
    expect(result.stdout.split("\n")[0]).toBe("added 5, updated 0, unchanged 0, rejected 1");
    expect(result.status).toBe(0);
    expect(paperById("2511.01234")).toMatchObject({
      title: "Sparse Mixture-of-Experts for Long-Context Retrieval",
      textSource: "arxiv",
      doi: "10.1000/xyz123",
    });
    expect(JSON.parse(String(paperById("2511.01234")!.categories))).toEqual(["cs.CL", "cs.LG", "cs.IR"]);
    expect(paperById("cs/0112017")).toBeDefined();
  });

  it("tells a trending page's text from its content, even served as JSON", async () => {
    const server = await serve({
      "/trending": { headers: { "content-type": "application/json" }, body: fs.readFileSync(SAMPLE_FEED) },
    });
    const result = await ingest([`${server.url}/trending`, "--date", "2026-11-27"]);
    expect(result.stdout).toBe("added 94, updated 0, unchanged 0, rejected 0\n");
    expect(result.status).toBe(0);
    expect(lastRun()).toMatchObject({ format: "text-page", added: 94 });
    expect(paperDays()).toEqual(["2026-11-27"]);
  });

  it("tells a Hugging Face JSON file from its content, not its name", async () => {
    const file = writeFeed(cat.dir, "saved-page.txt", HF_DAILY);
    const result = await ingest([file]);
    expect(result.stdout.split("\n")[0]).toBe("added 7, updated 0, unchanged 0, rejected 1");
    expect(result.status).toBe(0);
    expect(lastRun()).toMatchObject({ source: file, format: "hf" });
  });

  describe("--format", () => {
    // A trending page whose first line happens to start with "[": detection takes it for JSON.
    const page = [
      "[Trending] papers this week",
      "Nov 20",
      "Sparse Experts at Scale",
      `We study sparse experts. ${"Our experiments show consistent gains across benchmarks and settings. ".repeat(4)}`,
    ].join("\n\n");

    it("reads a feed as the format named when detection would guess wrong", async () => {
      const server = await serve({ "/page.txt": { body: page } });
      const url = `${server.url}/page.txt`;
      const guessed = await ingest([url]);
      expect(guessed.status).toBe(1);
      expect(failureLine(guessed, url)).toMatch(/^ingest: .*: the JSON is incomplete or malformed/);

      const forced = await ingest([url, "--format", "text"]);
      expect(forced.stdout).toBe("added 1, updated 0, unchanged 0, rejected 0\n");
      expect(forced.status).toBe(0);
      expect(cat.db.prepare("SELECT title, textSource, firstFeedDate FROM Paper").all()).toEqual([
        { title: "Sparse Experts at Scale", textSource: "text-page", firstFeedDate: "2026-11-20" },
      ]);
    });

    it("fails with a one-line reason, not a crash, when the named format is wrong", async () => {
      withSample();
      const before = snapshot(cat.db);
      const server = await serve({ "/api/daily_papers": { body: HF_DAILY } });
      const url = `${server.url}/api/daily_papers`;
      const result = await ingest([url, "--format", "text"]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(failureLine(result, url)).toBe(
        `ingest: ${url}: no date line such as "Mar 11" was found; is this a trending-papers page?`,
      );
      expect(snapshot(cat.db)).toEqual(before);
      expect(lastRun()).toMatchObject({ status: "failed", format: "text-page" });
    });
  });
});

describe("a download that fails leaves the catalog unchanged and says why in one line", () => {
  beforeEach(() => {
    withSample();
  });

  it("for HTTP 404, recording the failed run", async () => {
    const before = snapshot(cat.db);
    const server = await serve({});
    const url = `${server.url}/api/daily_papers?date=2026-11-20`;
    const result = await ingest([url]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(failureLine(result, url)).toBe(`ingest: HTTP 404 Not Found from ${url}`);
    expect(server.requests).toHaveLength(1); // a 404 is not worth retrying
    expect(snapshot(cat.db)).toEqual(before);
    expect(lastRun()).toMatchObject({
      source: url,
      status: "failed",
      added: 0,
      message: `HTTP 404 Not Found from ${url}`,
    });
  });

  it("when the server sends no response in time", async () => {
    const before = snapshot(cat.db);
    const server = await serve({ "/slow": { delayMs: 60_000, body: HF_DAILY } });
    const url = `${server.url}/slow`;
    const result = await ingest([url], { PAPERSHELF_FETCH_TIMEOUT_MS: "300" });
    expect(result.status).toBe(1);
    expect(failureLine(result, url)).toBe(`ingest: no response within 300 ms from ${url}`);
    expect(snapshot(cat.db)).toEqual(before);
    expect(lastRun()).toMatchObject({
      status: "failed",
      message: expect.stringContaining("no response within 300 ms"),
    });
  });

  it("when the feed is larger than PAPERSHELF_FETCH_MAX_MB, even without a Content-Length", async () => {
    const before = snapshot(cat.db);
    const chunk = "x".repeat(256 * 1024);
    const server = await serve({ "/huge.json": { chunks: ["[", ...Array(6).fill(chunk)] } });
    const url = `${server.url}/huge.json`;
    const result = await ingest([url], { PAPERSHELF_FETCH_MAX_MB: "1" });
    expect(result.status).toBe(1);
    expect(failureLine(result, url)).toBe(`ingest: the response from ${url} is larger than 1 MB`);
    expect(snapshot(cat.db)).toEqual(before);
  });

  it("when the URL is a web page, not a feed", async () => {
    const before = snapshot(cat.db);
    const server = await serve({
      "/papers": {
        headers: { "content-type": "text/html; charset=utf-8" },
        body: "<!DOCTYPE html>\n<html><head><title>Daily Papers</title></head><body><h1>Trending</h1></body></html>",
      },
    });
    const url = `${server.url}/papers`;
    const result = await ingest([url]);
    expect(result.status).toBe(1);
    expect(failureLine(result, url)).toMatch(
      /^ingest: .*: this is an HTML web page, not a feed \(use the Hugging Face API URL/,
    );
    expect(snapshot(cat.db)).toEqual(before);
  });

  it("when nothing listens at the address", async () => {
    const before = snapshot(cat.db);
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/api/daily_papers`;
    const result = await ingest([url]);
    expect(result.status).toBe(1);
    expect(failureLine(result, url)).toBe(`ingest: ${url}: cannot reach 127.0.0.1:${port} (connection refused)`);
    expect(snapshot(cat.db)).toEqual(before);
    expect(lastRun()).toMatchObject({ source: url, status: "failed" });
  });
});

describe("retrying", () => {
  it("retries a server error, says so on stderr, and then ingests the feed", async () => {
    const server = await serve({
      "/api/daily_papers": [{ status: 500, body: "upstream exploded" }, { body: HF_DAILY }],
    });
    const url = `${server.url}/api/daily_papers`;
    const result = await ingest([url], { PAPERSHELF_FETCH_RETRIES: "2", PAPERSHELF_FETCH_BACKOFF_MS: "5" });
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("added 7, updated 0, unchanged 0, rejected 1");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `fetching ${url}`,
      expect.stringMatching(/^ingest: HTTP 500 Internal Server Error; retrying in 5 ms \(attempt 2\)$/),
    ]);
    expect(server.requests).toHaveLength(2);
    expect(lastRun()).toMatchObject({ status: "succeeded", added: 7 });
  });
});

describe("source shortcuts", () => {
  const requested = (server: FixtureServer) => {
    expect(server.requests).toHaveLength(1);
    const url = new URL(server.requests[0]!.path, server.url);
    return { path: url.pathname, params: Object.fromEntries(url.searchParams) };
  };

  it("--source hf --date asks the API for that day and files every paper under it", async () => {
    const server = await serve({ "/api/daily_papers": { body: HF_DAILY } });
    const result = await ingest(["--source", "hf", "--date", "2026-11-20"], {
      PAPERSHELF_HF_URL: `${server.url}/api/daily_papers`,
    });
    expect(result.stdout.split("\n")[0]).toBe("added 7, updated 0, unchanged 0, rejected 1");
    expect(result.status).toBe(0);
    expect(server.requests[0]!.path).toBe("/api/daily_papers?date=2026-11-20&limit=100");
    // The items say they trended on Nov 3 and 4, 2025; the day asked for wins.
    expect(paperDays()).toEqual(["2026-11-20"]);
    expect(lastRun()).toMatchObject({ source: `${server.url}/api/daily_papers?date=2026-11-20&limit=100` });
  });

  it("--source hf --week asks the API for that ISO week and keeps each paper's own day", async () => {
    const server = await serve({ "/api/daily_papers": { body: HF_DAILY } });
    const result = await ingest(["--source", "hf", "--week", "2026-W47"], {
      PAPERSHELF_HF_URL: `${server.url}/api/daily_papers`,
    });
    expect(result.status).toBe(0);
    expect(requested(server)).toEqual({ path: "/api/daily_papers", params: { week: "2026-W47", limit: "100" } });
    expect(paperDays()).toEqual(["2025-11-03", "2025-11-04"]);
  });

  it("--source arxiv --query --max asks arXiv's API for the newest matches", async () => {
    const server = await serve({
      "/api/query": { headers: { "content-type": "application/atom+xml" }, body: ARXIV_QUERY },
    });
    const result = await ingest(["--source", "arxiv", "--query", "cat:cs.CL", "--max", "50"], {
      PAPERSHELF_ARXIV_URL: `${server.url}/api/query`,
    });
    expect(result.stdout.split("\n")[0]).toBe("added 5, updated 0, unchanged 0, rejected 1");
    expect(result.status).toBe(0);
    expect(requested(server)).toEqual({
      path: "/api/query",
      params: {
        search_query: "cat:cs.CL",
        sortBy: "submittedDate",
        sortOrder: "descending",
        start: "0",
        max_results: "50",
      },
    });
    expect(paperById("2511.00512")).toMatchObject({ textSource: "arxiv", firstFeedDate: "2025-11-02" });
  });

  it("reports arXiv's own error response in one line, changing nothing", async () => {
    withSample();
    const before = snapshot(cat.db);
    const server = await serve({ "/api/query": { body: ARXIV_ERROR } });
    const result = await ingest(["--source", "arxiv", "--query", "id:1234"], {
      PAPERSHELF_ARXIV_URL: `${server.url}/api/query`,
    });
    expect(result.status).toBe(1);
    const url = new URL(server.requests[0]!.path, server.url).href;
    expect(failureLine(result, url)).toBe(`ingest: ${url}: arXiv reported an error: incorrect id format for 1234`);
    expect(requested(server).params).toMatchObject({ search_query: "id:1234", max_results: "200" });
    expect(snapshot(cat.db)).toEqual(before);
    expect(lastRun()).toMatchObject({ status: "failed", format: "arxiv" });
  });
});
