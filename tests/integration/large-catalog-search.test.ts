// Search, topic listings and related papers on a catalog past a thousand
// papers, and after a large ingest into a catalog the server has already
// indexed. Prisma's SQLite engine binds at most 999 values per query, and
// loading the topics of N papers binds N ids, so reading the catalog in chunks
// of 1,000 (or all changed papers at once) breaks every page that needs the
// search index. A regression test for that: sizes here, not timing.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getPapers } from "@/app/api/papers/route";
import { GET as getPaper } from "@/app/api/papers/[slug]/route";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { createTempCatalog, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;

beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
  ingestFeedFile(cat.db, writeFeed(cat.dir, "first.txt", syntheticFeed(1500, 1).text), { date: "2026-11-20" });
});
afterAll(() => {
  vi.useRealTimers();
  cat.cleanup();
});

const list = async (query: string) => {
  const response = await getPapers(new NextRequest(`http://localhost/api/papers${query}`));
  return { status: response.status, body: await response.json() };
};

describe("a catalog of 1,594 papers", () => {
  it("finds a paper by its name", async () => {
    const { status, body } = await list("?q=MATES&limit=1");
    expect(status).toBe(200);
    expect(body.results[0].title).toMatch(/^MATES:/);
  });

  it("lists a topic", async () => {
    const { status, body } = await list("?topic=multimodal&limit=1");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
  });

  it("shows a paper with its related papers", async () => {
    const slug = (await list("?limit=1")).body.results[0].slug;
    const response = await getPaper(new NextRequest(`http://localhost/api/papers/${slug}`), {
      params: Promise.resolve({ slug }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).related.length).toBeGreaterThan(0);
  });

  it("finds papers from a 1,500-paper ingest made after the index was built", async () => {
    expect((await list("?q=MATES&limit=1")).status).toBe(200); // the index exists
    const later = syntheticFeed(1500, 2);
    ingestFeedFile(cat.db, writeFeed(cat.dir, "second.txt", later.text), { date: "2026-11-27" });
    // The index looks at the catalog again once a second; move the clock instead of waiting.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5_000 });
    // A catch-up this large runs in the background while searches answer from the index as it was.
    const search = () => list(`?q=${encodeURIComponent(later.names[1499]!)}&limit=1`);
    expect((await search()).status).toBe(200);
    await expect
      .poll(async () => (await search()).body.results[0]?.title, { timeout: 60_000, interval: 200 })
      .toBe(later.titles[1499]);
  });
});
