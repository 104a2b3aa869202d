// The running server while a large ingest writes to its catalog: 20 visitors
// without JavaScript browse, search, open papers and toggle bookmarks while
// `tsx scripts/ingest.ts` adds 20,000 papers in another process. Nobody may
// see an error page or a dropped connection, the ingest must succeed, and every
// shelf must end exactly as its acknowledged toggles left it. The figures go to
// test-results/server-concurrency.json.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { ensureBuild, startServer, type AppServer, errorLines, firstErrors } from "@/tests/helpers/app-server";
import { BrowsingVisitor, latencyOf, tallyCrowd, type StepKind } from "@/tests/helpers/browsing-visitor";
import { writeFeed } from "@/tests/helpers/catalog";
import { runScriptAsync, type RunResult } from "@/tests/helpers/run";
import { createServerCatalog, type ServerCatalog } from "@/tests/helpers/server-catalog";
import { bookmarkForms, SiteClient } from "@/tests/helpers/site-client";

const PORT = Number(process.env.SERVER_TEST_PORT ?? 3410);
const VISITORS = 20;
const INGEST_PAPERS = 20_000;
const INGEST_DAY = "2026-11-27";
/** Steps the crowd takes before the ingest starts, so it starts under traffic. */
const WARM_UP_STEPS = 2 * VISITORS;
/** Steps each visitor takes after the ingest finished: the index catches up under traffic too. */
const STEPS_AFTER_INGEST = 10;
const RESULTS = path.join("test-results", "server-concurrency.json");

let catalog: ServerCatalog;
let server: AppServer;
let bigFeed: { file: string; names: string[]; titles: string[] };

beforeAll(async () => {
  ensureBuild();
  catalog = createServerCatalog({ synthetic: 3000 });
  const feed = syntheticFeed(INGEST_PAPERS, 2026);
  bigFeed = { file: writeFeed(catalog.dir, "big.txt", feed.text), names: feed.names, titles: feed.titles };
  server = await startServer({ dbFile: catalog.dbFile, port: PORT });
});

afterAll(async () => {
  await server?.stop();
  catalog?.cleanup();
});

describe("a visitor without JavaScript", () => {
  it("bookmarks a paper with the page's own form, sees it on their shelf only, and removes it again", async () => {
    const alice = new SiteClient(server.url);
    const bob = new SiteClient(server.url);
    try {
      const home = await alice.get("/");
      expect(home.status).toBe(200);
      const form = bookmarkForms(home.html)[0]!;
      expect(form.bookmarked).toBe(false);

      const saved = await alice.toggle(form, "/");
      expect(saved).toMatchObject({ status: 303, acknowledged: true, redirected: true, wanted: true });
      expect(bookmarkForms(saved.page!.html).find((f) => f.paperId === form.paperId)?.bookmarked).toBe(true);
      expect((await alice.shelfFromPages()).ids).toEqual(new Set([form.paperId]));
      expect((await alice.shelfFromExport()).slugs).toHaveLength(1);
      expect((await bob.shelfFromPages()).ids).toEqual(new Set());

      const again = bookmarkForms(saved.page!.html).find((f) => f.paperId === form.paperId)!;
      expect(await alice.toggle(again, "/")).toMatchObject({ acknowledged: true, wanted: false });
      expect((await alice.shelfFromPages()).ids).toEqual(new Set());
    } finally {
      alice.close();
      bob.close();
    }
  });
});

describe("the catalog's SQLite file", () => {
  it("is in WAL mode, so pages keep reading while an ingest writes", () => {
    const db = new Database(catalog.dbFile, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });

  it("is opened by the app's Prisma client with a short busy timeout, so a locked catalog never freezes the server", async () => {
    process.env.DATABASE_URL = `file:${catalog.dbFile}`;
    const { getPrisma } = await import("@/lib/db/client");
    const prisma = getPrisma();
    try {
      const [timeout] = await prisma.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
      // Writes that meet the ingest's lock retry without blocking (lib/db/busy.ts); the synchronous wait stays short.
      expect(Number(timeout?.timeout)).toBeGreaterThan(0);
      expect(Number(timeout?.timeout)).toBeLessThanOrEqual(1000);
      const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(mode?.journal_mode).toBe("wal");
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe(`${VISITORS} visitors while a ${INGEST_PAPERS.toLocaleString("en-US")}-paper ingest runs`, () => {
  it(
    "see no error, the ingest succeeds, and every shelf holds exactly what was acknowledged",
    { timeout: 900_000 },
    async () => {
      const crowd = Array.from({ length: VISITORS }, (_, i) => new BrowsingVisitor(server.url, 1000 + i));
      let phase: "warm-up" | "ingest" | "after" = "warm-up";
      let steps = 0;
      const duringIngest = { steps: 0, toggles: 0 };
      let warmedUp!: () => void;
      const warm = new Promise<void>((resolve) => (warmedUp = resolve));
      const onStep = (kind: StepKind) => {
        if (++steps === WARM_UP_STEPS) warmedUp();
        if (phase !== "ingest") return;
        duringIngest.steps++;
        if (kind === "toggle") duringIngest.toggles++;
      };

      const browsing = crowd.map(async (visitor) => {
        let afterIngest = 0;
        await visitor.browse(() => phase === "after" && afterIngest++ >= STEPS_AFTER_INGEST, onStep);
      });
      await warm;
      phase = "ingest";
      const ingestStarted = Date.now();
      const ingest: RunResult = await runScriptAsync("scripts/ingest.ts", [bigFeed.file, "--date", INGEST_DAY], {
        DATABASE_URL: `file:${catalog.dbFile}`,
        CI: "1",
      });
      phase = "after";
      const ingestEnded = Date.now();
      await Promise.all(browsing);

      const tally = tallyCrowd(crowd);
      fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
      fs.writeFileSync(
        RESULTS,
        JSON.stringify(
          {
            ingestPapers: INGEST_PAPERS,
            ingestMs: ingestEnded - ingestStarted,
            duringIngest,
            ...tally,
            // Answer times of the requests started before, during and after the ingest.
            latencyByPhaseMs: {
              before: latencyOf(crowd, -Infinity, ingestStarted),
              during: latencyOf(crowd, ingestStarted, ingestEnded),
              after: latencyOf(crowd, ingestEnded),
            },
          },
          null,
          2,
        ),
      );
      expect(ingest.stderr).toBe("");
      expect(ingest.stdout.trim()).toBe(`added ${INGEST_PAPERS}, updated 0, unchanged 0, rejected 0`);
      expect(ingest.status).toBe(0);
      expect(duringIngest.steps, "the visitors were browsing while the ingest ran").toBeGreaterThan(0);
      expect(tally.problems, `failed or unexpected answers; the server said:\n${firstErrors(server)}`).toEqual([]);
      expect(tally.byVerdict.failed).toBe(0);
      expect(tally.toggles.failed).toBe(0);
      expect(tally.toggles.acknowledged + tally.toggles.refused).toBeGreaterThan(0);
      expect(tally.staleViews, "pages right after a toggle show the saved state").toEqual([]);
      expect(tally.unsavedToggles, "toggles answered with an error message").toEqual([]);
      for (const [i, visitor] of crowd.entries()) {
        expect(await visitor.shelfDifferences(), `visitor ${i}'s shelf`).toEqual([]);
        visitor.close();
      }
      expect(errorLines(server.output()), "errors in the server's log").toEqual([]);
    },
  );

  it("lists the ingested papers and finds them by name once the ingest is done", async () => {
    const client = new SiteClient(server.url);
    try {
      const day = await client.get(`/api/papers?date=${INGEST_DAY}&limit=1`);
      expect(day.status).toBe(200);
      expect(JSON.parse(day.html).total).toBe(INGEST_PAPERS);
      // The index catches up within about a second of a search noticing the change; ask until it has.
      const name = bigFeed.names[INGEST_PAPERS - 1]!;
      const title = bigFeed.titles[INGEST_PAPERS - 1]!;
      const deadline = Date.now() + 120_000;
      let found: string | undefined;
      while (found !== title && Date.now() < deadline) {
        const hit = await client.get(`/api/papers?q=${encodeURIComponent(name)}&limit=1`);
        expect(hit.status).toBe(200);
        found = JSON.parse(hit.html).results[0]?.title;
      }
      expect(found).toBe(title);
    } finally {
      client.close();
    }
  });
});
