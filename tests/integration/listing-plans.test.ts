// The plain listing reads one page of the catalog in SQL. Each order must come
// straight from an index: sorting the whole catalog for every page took a quarter
// of a second per request at 100,000 papers (the "newest" order once did).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { findPapers } from "@/lib/catalog";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { createTempCatalog, type TempCatalog } from "@/tests/helpers/catalog";

type Logged = { query: string; params: string };
let cat: TempCatalog;
const logged: Logged[] = [];
const holder = globalThis as { papershelfPrisma?: unknown };
let previous: unknown;

beforeAll(() => {
  cat = createTempCatalog();
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
  const client = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: cat.url }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (e) => logged.push({ query: e.query, params: e.params }));
  previous = holder.papershelfPrisma;
  holder.papershelfPrisma = client;
});
afterAll(() => {
  holder.papershelfPrisma = previous;
  cat.cleanup();
});

describe("the plain listing's SQL", () => {
  it.each(["trending", "newest", "title"] as const)(
    "reads a page in %s order from an index, without sorting",
    async (sort) => {
      logged.length = 0;
      const listing = await findPapers({ q: "", topics: [], sort, page: 2, limit: 20 });
      expect(listing.items).toHaveLength(20);
      const page = logged.find((l) => /`main`\.`Paper`\.`abstract`.*FROM `main`\.`Paper`.*ORDER BY.*OFFSET/s.test(l.query));
      expect(page, "the query that reads the page").toBeDefined();
      const params = JSON.parse(page!.params) as unknown[];
      const plan = cat.db
        .prepare(`EXPLAIN QUERY PLAN ${page!.query}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail);
      expect(plan.join("\n")).toMatch(/USING (COVERING )?INDEX/);
      expect(plan.join("\n")).not.toMatch(/TEMP B-TREE/);
    },
  );
});
