// `kill -9` at any point of an ingest: the catalog is as it was before that ingest
// (same digest of every table, PRAGMA integrity_check ok) and the next ingest
// succeeds in full. A refresh killed mid-write also leaves its lock file behind,
// which the next refresh takes over.
//
// Where the child is when it is killed is observed, never guessed with a sleep:
// its `--progress` lines on stderr say which phase it has reached, and a second
// connection that tries BEGIN IMMEDIATE without waiting tells whether it holds
// the write lock.
import fs from "node:fs";
import path from "node:path";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_FEED, ingestFeedFile } from "@/lib/ingest-file";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { hfDailyJson } from "@/tests/helpers/big-feeds";
import { createTempCatalog, type TempCatalog } from "@/tests/helpers/catalog";
import { finished, runMeasured, startScript } from "@/tests/helpers/child";
import { catalogDigest, integrity } from "@/tests/helpers/digest";
import { startFixtureServer, type FixtureServer } from "@/tests/helpers/http-fixture";

const PAPERS = 10_000;

/** True while another connection holds the catalog's write lock (its transaction has begun). */
function writerActive(file: string): boolean {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.exec("BEGIN IMMEDIATE");
    probe.exec("ROLLBACK");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    probe.close();
  }
}

/** Resolves once `condition` holds, checking after every event-loop turn; rejects if the child ends first. */
function until(child: ChildProcessWithoutNullStreams, what: string, condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const ended = () => reject(new Error(`the child ended before ${what}`));
    child.once("exit", ended);
    const check = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (condition()) {
        child.off("exit", ended);
        resolve();
      } else setTimeout(check, 5);
    };
    check();
  });
}

/** Collects the child's stderr lines as they come. */
function stderrLines(child: ChildProcessWithoutNullStreams): string[] {
  const lines: string[] = [];
  let partial = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
  });
  return lines;
}

async function kill(child: ChildProcessWithoutNullStreams) {
  const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_, signal) => resolve(signal)));
  child.kill("SIGKILL");
  expect(await exit).toBe("SIGKILL");
}

describe("an ingest killed with SIGKILL", () => {
  let cat: TempCatalog;
  let feed: string;
  beforeAll(() => {
    cat = createTempCatalog();
    ingestFeedFile(cat.db, SAMPLE_FEED);
    feed = path.join(cat.dir, "big.txt");
    fs.writeFileSync(feed, syntheticFeed(PAPERS).text);
  });
  afterAll(() => cat.cleanup());

  const start = () =>
    startScript("scripts/ingest.ts", [feed, "--date", "2026-03-11", "--progress"], {
      env: { DATABASE_URL: cat.url },
    });

  it.each([
    ["while it parses the feed", /^ingest: reading /, false],
    ["as soon as its write transaction has begun", /^ingest: writing 10,000 papers$/, true],
    ["halfway through writing", /^ingest: wrote 5,000 of 10,000 papers$/, true],
    ["with nine tenths written", /^ingest: wrote 9,000 of 10,000 papers$/, true],
  ])("%s leaves the catalog exactly as it was", { timeout: 300_000 }, async (_, phase, writing) => {
    const before = catalogDigest(cat.file);
    const child = start();
    const lines = stderrLines(child);
    await until(child, `it printed ${phase}`, () => lines.some((line) => phase.test(line)));
    if (writing) await until(child, "it held the write lock", () => writerActive(cat.file));
    else expect(writerActive(cat.file)).toBe(false);
    await kill(child);

    expect(integrity(cat.file)).toBe("ok");
    expect(catalogDigest(cat.file)).toBe(before);
  });

  it("is followed by an ingest that adds every paper", { timeout: 300_000 }, async () => {
    const result = await runMeasured("scripts/ingest.ts", [feed, "--date", "2026-03-11"], {
      env: { DATABASE_URL: cat.url },
      timeoutMs: 280_000,
    });
    expect(result.stdout).toBe(`added ${PAPERS}, updated 0, unchanged 0, rejected 0\n`);
    expect(result.status).toBe(0);
    expect(integrity(cat.file)).toBe("ok");
    const runs = cat.db.prepare("SELECT status, added FROM IngestRun ORDER BY id").all();
    expect(runs).toEqual([
      { status: "succeeded", added: 94 },
      { status: "succeeded", added: PAPERS },
    ]);
  });
});

describe("a refresh killed with SIGKILL while it writes", () => {
  let cat: TempCatalog;
  let server: FixtureServer;
  const DAY = "2026-11-27";
  beforeAll(async () => {
    cat = createTempCatalog();
    ingestFeedFile(cat.db, SAMPLE_FEED);
    cat.db.prepare("INSERT INTO SourceDay (source, day, papers, complete) VALUES ('hf', ?, 2, 1)").run("2026-11-26");
    const body = hfDailyJson(3_000, DAY);
    server = await startFixtureServer({
      "/api/daily_papers": { headers: { "content-type": "application/json" }, body },
    });
  });
  afterAll(async () => {
    await server.close();
    cat.cleanup();
  });

  const refresh = () =>
    startScript("scripts/refresh.ts", ["--until", DAY], {
      env: {
        DATABASE_URL: cat.url,
        PAPERSHELF_SOURCES: "hf",
        PAPERSHELF_HF_URL: `${server.url}/api/daily_papers`,
        PAPERSHELF_FETCH_RETRIES: "0",
      },
    });

  it(
    "leaves its lock file and the catalog as it was; the next refresh takes the lock over and finishes the day",
    { timeout: 300_000 },
    async () => {
      const before = catalogDigest(cat.file);
      const lock = `${cat.file}.refresh.lock`;
      const child = refresh();
      await until(child, "it held the write lock", () => writerActive(cat.file));
      expect(fs.readFileSync(lock, "utf8").trim()).toBe(String(child.pid));
      await kill(child);

      expect(fs.readFileSync(lock, "utf8").trim()).toBe(String(child.pid));
      expect(integrity(cat.file)).toBe("ok");
      expect(catalogDigest(cat.file)).toBe(before);

      const next = await finished(refresh());
      expect(next.stdout).toBe(`hf ${DAY}: added 3000, updated 0, unchanged 0, rejected 0\n`);
      expect(next.status).toBe(0);
      expect(fs.existsSync(lock)).toBe(false);
      expect(cat.db.prepare("SELECT day, papers, complete FROM SourceDay WHERE day = ?").get(DAY)).toEqual({
        day: DAY,
        papers: 3000,
        complete: 1,
      });
    },
  );
});
