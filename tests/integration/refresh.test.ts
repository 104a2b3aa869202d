// `npm run refresh` against a fixture Hugging Face API on 127.0.0.1: it fills the
// days missing since the last complete day, files each day's papers under that
// day, treats an empty day as done, stops a source at a failure so the gap is
// retried, and a second run started at the same time exits cleanly.
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import type { IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { missingDays } from "@/lib/refresh";
import { createTempCatalog, snapshot, type TempCatalog } from "../helpers/catalog";
import { startFixtureServer, type FixtureServer } from "../helpers/http-fixture";
import { runScriptAsync } from "../helpers/run";

let cat: TempCatalog;
let server: FixtureServer | undefined;

beforeEach(() => {
  cat = createTempCatalog();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  cat.cleanup();
});

/** A day of the Hugging Face daily-papers API: two papers whose ids and titles name the day. */
function hfDay(day: string) {
  const n = day.replaceAll("-", "").slice(4);
  return JSON.stringify(
    [1, 2].map((i) => ({
      paper: {
        id: `2511.${n}${i}`,
        title: `Paper ${i} trending on ${day}`,
        summary: `We report results that trended on ${day}. The method improves retrieval quality on three benchmarks.`,
        authors: [{ name: "Ada Lovelace" }],
        publishedAt: `${day}T10:00:00.000Z`,
        upvotes: 10 * i,
      },
      publishedAt: `${day}T12:00:00.000Z`,
      title: `Paper ${i} trending on ${day}`,
      numComments: 1,
    })),
  );
}

const dayOf = (req: IncomingMessage) => new URL(req.url!, "http://x").searchParams.get("date")!;

/** A fixture API that serves every day, or the given response for some days. */
async function hfServer(special: Record<string, { status: number; body?: string }> = {}, delayMs = 0) {
  server = await startFixtureServer({
    "/api/daily_papers": (req) => {
      const day = dayOf(req);
      const s = special[day];
      return s
        ? { status: s.status, body: s.body ?? "" }
        : { status: 200, headers: { "content-type": "application/json" }, body: hfDay(day), delayMs };
    },
  });
  return server;
}

const refresh = (args: string[], extraEnv: Record<string, string> = {}) =>
  runScriptAsync("scripts/refresh.ts", args, {
    DATABASE_URL: cat.url,
    PAPERSHELF_SOURCES: "hf",
    PAPERSHELF_HF_URL: `${server!.url}/api/daily_papers`,
    PAPERSHELF_FETCH_RETRIES: "1",
    PAPERSHELF_FETCH_BACKOFF_MS: "10",
    PAPERSHELF_FETCH_TIMEOUT_MS: "5000",
    ...extraEnv,
  });

const requestedDays = () => server!.requests.map((r) => new URL(r.path, "http://x").searchParams.get("date"));
const feedDays = () =>
  (cat.db.prepare("SELECT DISTINCT feedDate FROM Appearance ORDER BY feedDate").all() as { feedDate: string }[]).map(
    (r) => r.feedDate,
  );
const sourceDays = () =>
  cat.db.prepare("SELECT day, papers, complete FROM SourceDay WHERE source = 'hf' ORDER BY day").all();

/** Marks a day as fetched and complete, as an earlier refresh would have. */
const doneThrough = (day: string) =>
  cat.db.prepare("INSERT INTO SourceDay (source, day, papers, complete) VALUES ('hf', ?, 2, 1)").run(day);

describe("npm run refresh", () => {
  it("fills a gap of three days, one ingest per day, each day's papers under that day", async () => {
    await hfServer();
    doneThrough("2026-11-24");
    const result = await refresh(["--until", "2026-11-27"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(requestedDays()).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(feedDays()).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(result.stdout).toMatch(/hf 2026-11-25: added 2, updated 0, unchanged 0, rejected 0/);
    expect(sourceDays()).toEqual([
      { day: "2026-11-24", papers: 2, complete: 1 },
      { day: "2026-11-25", papers: 2, complete: 1 },
      { day: "2026-11-26", papers: 2, complete: 1 },
      { day: "2026-11-27", papers: 2, complete: 1 },
    ]);
    const upvotes = cat.db
      .prepare("SELECT upvotes FROM Appearance WHERE feedDate = '2026-11-26' ORDER BY rank")
      .all()
      .map((r) => (r as { upvotes: number }).upvotes);
    expect(upvotes).toEqual([10, 20]);
  });

  it("does nothing for days already complete, and says the source is up to date", async () => {
    await hfServer();
    doneThrough("2026-11-27");
    const result = await refresh(["--until", "2026-11-27"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/hf: up to date/);
    expect(server!.requests).toHaveLength(0);
  });

  it("counts a day without papers as done and goes on to the next", async () => {
    await hfServer({ "2026-11-22": { status: 200, body: "[]" } });
    doneThrough("2026-11-21");
    const result = await refresh(["--until", "2026-11-23"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/hf 2026-11-22: no papers/);
    expect(feedDays()).toEqual(["2026-11-23"]);
    expect(sourceDays()).toContainEqual({ day: "2026-11-22", papers: 0, complete: 1 });
  });

  it("stops at a failing day, exits 1, and the next run retries from that day", async () => {
    await hfServer({ "2026-11-26": { status: 404 } });
    doneThrough("2026-11-24");
    const first = await refresh(["--until", "2026-11-27"]);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/hf 2026-11-26: failed: HTTP 404/);
    expect(first.stderr).toMatch(/1 source\(s\) failed; their missing days are retried next time/);
    expect(feedDays()).toEqual(["2026-11-25"]);
    await server!.close();

    await hfServer();
    const second = await refresh(["--until", "2026-11-27"]);
    expect(second.status).toBe(0);
    expect(requestedDays()).toEqual(["2026-11-26", "2026-11-27"]);
    expect(feedDays()).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
  });

  it("fetches today again next time, because today's list is still growing", async () => {
    await hfServer();
    const today = new Date().toLocaleDateString("sv-SE"); // YYYY-MM-DD in local time, like the command
    const first = await refresh([]);
    expect(first.status).toBe(0);
    expect(requestedDays()).toEqual([today]);
    expect(sourceDays()).toEqual([{ day: today, papers: 2, complete: 0 }]);
    const second = await refresh([]);
    expect(second.status).toBe(0);
    expect(requestedDays()).toEqual([today, today]);
    expect(second.stdout).toMatch(/unchanged 2/);
  });

  it("lets only one of two refreshes started together work; the other exits 0 saying so", async () => {
    await hfServer({}, 1500);
    doneThrough("2026-11-24");
    const [a, b] = await Promise.all([refresh(["--until", "2026-11-27"]), refresh(["--until", "2026-11-27"])]);
    expect([a.status, b.status]).toEqual([0, 0]);
    const waited = [a, b].filter((r) => /another refresh is running \(pid \d+\); nothing to do/.test(r.stdout));
    expect(waited).toHaveLength(1);
    expect(requestedDays()).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(feedDays()).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(fs.existsSync(`${cat.file}.refresh.lock`)).toBe(false);
  });

  it("takes over a lock left behind by a refresh that died", async () => {
    await hfServer();
    doneThrough("2026-11-26");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(`${cat.file}.refresh.lock`, `${dead.stdout}\n`);
    const result = await refresh(["--until", "2026-11-27"]);
    expect(result.status).toBe(0);
    expect(feedDays()).toEqual(["2026-11-27"]);
  });

  it("refuses a bad source list or day with exit 2 and leaves the catalog alone", async () => {
    await hfServer();
    const before = snapshot(cat.db);
    const badSource = await refresh([], { PAPERSHELF_SOURCES: "hf; rss:foo" });
    expect(badSource.status).toBe(2);
    expect(badSource.stderr.trim()).toBe(
      'refresh: PAPERSHELF_SOURCES: unknown source "rss:foo" (want hf or arxiv:<query>)',
    );
    const badDay = await refresh(["--since", "2026-02-30"]);
    expect(badDay.status).toBe(2);
    expect(badDay.stderr).toMatch(/--since "2026-02-30" is not a real day/);
    expect(snapshot(cat.db)).toEqual(before);
    expect(server!.requests).toHaveLength(0);
  });
});

describe("missingDays", () => {
  it("starts the day after the last complete day and ends at the last day asked for", () => {
    expect(missingDays("2026-11-24", "2026-11-27")).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
  });

  it("fetches only the last day on a first run, and from --since when given", () => {
    expect(missingDays(null, "2026-11-27")).toEqual(["2026-11-27"]);
    expect(missingDays("2026-11-26", "2026-11-27", "2026-11-20")).toHaveLength(8);
  });

  it("catches up at most a month after a long pause", () => {
    const days = missingDays("2025-01-01", "2026-11-27");
    expect(days).toHaveLength(31);
    expect(days.at(-1)).toBe("2026-11-27");
  });
});
