import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFeedFile } from "@/lib/ingest-file";
import { extractLinks } from "@/lib/text/links";
import { TAGGING_VERSION, tagPaper } from "@/lib/topics/tagger";
import { retagCatalog } from "@/lib/topics/store";
import { SyntheticGenerator, textPage } from "@/scripts/lib/synthetic-feed";
import { createTempCatalog, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

// The ingest derives links and tags from each abstract in one pass and writes a
// new paper's key phrases with its row: the result must be what tagPaper and
// extractLinks give on their own, so a re-tag finds nothing to change.
let cat: TempCatalog;
beforeAll(() => (cat = createTempCatalog()));
afterAll(() => cat.cleanup());

describe("tags and links written by the ingest", () => {
  it("equal tagPaper's and extractLinks' for every paper, new or trending again", () => {
    const catalog = new SyntheticGenerator(5).catalog(2500, { perDay: 400 });
    const summary = ingestFeedFile(cat.db, writeFeed(cat.dir, "days.txt", textPage(catalog.days)));
    expect(summary.added).toBe(2500);
    expect(summary.updated).toBeGreaterThan(0);
    const rows = cat.db
      .prepare("SELECT id, title, abstract, keyPhrases, tagVersion, links, hasCode FROM Paper ORDER BY id")
      .all() as {
      id: number;
      title: string;
      abstract: string;
      keyPhrases: string;
      tagVersion: string;
      links: string;
      hasCode: number;
    }[];
    const topics = cat.db.prepare("SELECT topic, score, evidence FROM PaperTopic WHERE paperId = ? ORDER BY position");
    for (const row of rows) {
      const want = tagPaper(row.title, row.abstract);
      const links = extractLinks(row.abstract);
      expect(row.tagVersion).toBe(TAGGING_VERSION);
      expect(JSON.parse(row.keyPhrases)).toEqual(want.keyPhrases);
      expect(topics.all(row.id)).toEqual(
        want.topics.map((t) => ({ topic: t.slug, score: t.score, evidence: JSON.stringify(t.evidence) })),
      );
      expect(JSON.parse(row.links)).toEqual(links);
      expect(row.hasCode).toBe(links.some((l) => l.kind === "code") ? 1 : 0);
    }
    expect(rows.some((r) => r.hasCode === 1)).toBe(true);
    expect(retagCatalog(cat.db, { all: true })).toEqual({ checked: 2500, changed: 0 });
  });

  it("recognizes the papers it has in a large feed: the same feed is unchanged, a mixed one adds only the new", () => {
    const generator = new SyntheticGenerator(5);
    const catalog = generator.catalog(2500, { perDay: 400 });
    const again = ingestFeedFile(cat.db, writeFeed(cat.dir, "again.txt", textPage(catalog.days)));
    expect([again.added, again.updated]).toEqual([0, 0]);
    // The next days: 1,500 new papers and the 2,500 known ones trending again.
    const fresh = generator.day("2026-11-29", 1500);
    const mixed = [{ date: "2026-11-29", papers: [...catalog.papers.slice(0, 1200), ...fresh.papers] }];
    mixed.push({ date: "2026-11-30", papers: catalog.papers.slice(1200) });
    const summary = ingestFeedFile(cat.db, writeFeed(cat.dir, "mixed.txt", textPage(mixed)), { today: "2026-11-30" });
    expect([summary.added, summary.updated, summary.unchanged]).toEqual([1500, 2500, 0]);
    const stats = cat.db.prepare("SELECT count(*) AS papers, count(DISTINCT slug) AS slugs FROM Paper").get();
    expect(stats).toEqual({ papers: 4000, slugs: 4000 });
  });
});
