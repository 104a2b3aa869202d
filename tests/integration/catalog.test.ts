import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getPaperBySlug, getRelatedPapers, listPapers, searchPapers } from "@/lib/catalog";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { getSearchState, REFRESH_INTERVAL_MS } from "@/lib/search/service";
import { abstractFor, createTempCatalog, textPage, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;
beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
});
afterAll(() => cat.cleanup());

const page = (sort: "trending" | "newest" | "title", n: number, limit = 20) => listPapers({ sort, page: n, limit });

describe("listPapers", () => {
  it("shows 94 papers, 20 per page, five pages, in feed rank order", async () => {
    const first = await page("trending", 1);
    expect(first).toMatchObject({ total: 94, page: 1, limit: 20, pageCount: 5 });
    expect(first.items.map((p) => p.lastRank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const last = await page("trending", 5);
    expect(last.items).toHaveLength(14);
    expect(last.items.at(-1)!.title).toBe("RedWhale: An Adapted Korean LLM Through Efficient Continual Pretraining");
  });

  it("puts the latest feed day first, then rank within the day", async () => {
    ingestFeedFile(cat.db, writeFeed(cat.dir, "later.txt", textPage([["A Later Paper", abstractFor("later")]])), {
      date: "2026-03-12",
    });
    const first = await page("trending", 1);
    expect(first.total).toBe(95);
    expect(first.items[0]!.title).toBe("A Later Paper");
    expect(first.items[1]!.lastRank).toBe(1);
  });

  it("sorts by title A to Z, ignoring case and accents", async () => {
    const all = await page("title", 1, 100);
    const keys = all.items.map((p) =>
      p.title
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim(),
    );
    expect(keys).toEqual([...keys].sort());
  });

  it("sorts by newest: publication day when known, else the first feed day", async () => {
    const items = (await page("newest", 1, 100)).items;
    expect(items[0]!.title).toBe("A Later Paper");
    const days = items.map((p) => p.publishedOn ?? p.firstFeedDate);
    expect(days).toEqual([...days].sort().reverse());
  });

  it("clamps a page past the end to the last page when asked", async () => {
    expect((await listPapers({ sort: "trending", page: 99, limit: 20, clampPage: true })).page).toBe(5);
    expect((await listPapers({ sort: "trending", page: 99, limit: 20 })).items).toEqual([]);
  });
});

describe("searchPapers", () => {
  it("ranks the paper named by an acronym first and reports the matched terms", async () => {
    const result = await searchPapers({ q: "MATES", sort: "relevance", page: 1, limit: 20 });
    expect(result.items[0]!.title).toMatch(/^MATES:/);
    expect(result.items[0]!.match.terms).toContain("mates");
    expect(result.matchedAll).toBe(true);
  });

  it.each(["trending", "newest", "title"] as const)(
    "orders results by %s exactly as the listing does",
    async (sort) => {
      const found = await searchPapers({ q: "language", sort, page: 1, limit: 100 });
      const listed = (await page(sort, 1, 100)).items.map((p) => p.id);
      const ids = new Set(found.items.map((p) => p.id));
      expect(found.items.length).toBeGreaterThan(20);
      expect(found.items.map((p) => p.id)).toEqual(listed.filter((id) => ids.has(id)));
    },
  );

  it("returns nothing for a word no paper contains", async () => {
    const result = await searchPapers({ q: "zzqxv", sort: "relevance", page: 1, limit: 20 });
    expect(result.total).toBe(0);
    expect(result.items).toEqual([]);
  });

  it("finds papers ingested while the server runs, within the refresh interval, without a rebuild", async () => {
    await getSearchState();
    const before = await getSearchState();
    ingestFeedFile(
      cat.db,
      writeFeed(cat.dir, "new.txt", textPage([["Quokkaformer: Marsupial Attention", abstractFor("quokkas")]])),
      {
        date: "2026-03-13",
      },
    );
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + REFRESH_INTERVAL_MS + 1 });
    try {
      const result = await searchPapers({ q: "Quokkaformer", sort: "relevance", page: 1, limit: 20 });
      expect(result.items.map((p) => p.title)).toEqual(["Quokkaformer: Marsupial Attention"]);
      const after = await getSearchState();
      expect(after.index).toBe(before.index); // the same index, updated in place
      expect(after.index.documentCount).toBe(96);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("getPaperBySlug and getRelatedPapers", () => {
  it("returns the paper with its links and trending history, or null", async () => {
    const paper = await getPaperBySlug(
      "mates-model-aware-data-selection-for-efficient-pretraining-with-data-influence",
    );
    expect(paper).toMatchObject({
      title: "MATES: Model-Aware Data Selection for Efficient Pretraining with Data Influence Models",
      hasCode: true,
      links: [{ url: "https://github.com/cxcscmu/MATES", kind: "code", label: "github.com/cxcscmu/MATES" }],
      appearances: [{ feedDate: "2026-03-11", rank: 8, source: "text-page" }],
    });
    expect(await getPaperBySlug("no-such-paper")).toBeNull();
  });

  it("finds five related papers, never the paper itself", async () => {
    const paper = (await getPaperBySlug(
      "mates-model-aware-data-selection-for-efficient-pretraining-with-data-influence",
    ))!;
    const related = await getRelatedPapers(paper);
    expect(related).toHaveLength(5);
    expect(related.map((r) => r.slug)).not.toContain(paper.slug);
  });
});
