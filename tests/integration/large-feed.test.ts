import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFeedFile } from "@/lib/ingest-file";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { createTempCatalog, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

// Correctness at the size the issue names (40,000 papers, about 60 MB). How fast
// it is, is `npm run bench`'s job: tests never assert wall-clock times.
let cat: TempCatalog;
beforeAll(() => (cat = createTempCatalog()));
afterAll(() => cat.cleanup());

describe("a 40,000-paper feed", () => {
  it("ingests whole, every paper with its own slug and rank, and re-ingests as unchanged", { timeout: 180_000 }, () => {
    const feed = syntheticFeed(40_000);
    const file = writeFeed(cat.dir, "big.txt", feed.text);
    expect(feed.text.length).toBeGreaterThan(55_000_000);
    const progress: number[] = [];
    const first = ingestFeedFile(cat.db, file, { date: "2026-03-11", onProgress: (done) => progress.push(done) });
    expect([first.added, first.updated, first.unchanged, first.rejected]).toEqual([40_000, 0, 0, 0]);
    expect(progress.at(-1)).toBe(40_000);
    const stats = cat.db
      .prepare("SELECT count(*) AS papers, count(DISTINCT slug) AS slugs, max(lastRank) AS maxRank FROM Paper")
      .get();
    expect(stats).toEqual({ papers: 40_000, slugs: 40_000, maxRank: 40_000 });
    const again = ingestFeedFile(cat.db, file, { date: "2026-03-11" });
    expect([again.added, again.updated, again.unchanged]).toEqual([0, 0, 40_000]);
  });
});
