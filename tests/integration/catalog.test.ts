import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findPapers, getPaperBySlug, getRelatedPapers, listTopics, type ListingRequest } from "@/lib/catalog";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { getSearchState, REFRESH_INTERVAL_MS } from "@/lib/search/service";
import { paperCount } from "@/lib/search/state";
import { abstractFor, createTempCatalog, textPage, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;
beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
});
afterAll(() => cat.cleanup());

const page = (sort: "trending" | "newest" | "title", n: number, limit = 20) =>
  findPapers({ q: "", topics: [], sort, page: n, limit });
const find = (req: Partial<ListingRequest>) =>
  findPapers({ q: "", topics: [], sort: "relevance", page: 1, limit: 20, ...req });

describe("findPapers without a query: the listing", () => {
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
    expect((await find({ sort: "trending", page: 99, clampPage: true })).page).toBe(5);
    expect((await find({ sort: "trending", page: 99 })).items).toEqual([]);
  });
});

describe("findPapers with a query: search", () => {
  it("ranks the paper named by an acronym first and reports the matched terms", async () => {
    const result = await find({ q: "MATES" });
    expect(result.items[0]!.title).toMatch(/^MATES:/);
    expect(result.items[0]!.match!.terms).toContain("mates");
    expect(result.mode).toBe("exact");
  });

  it.each(["trending", "newest", "title"] as const)(
    "orders results by %s exactly as the listing does",
    async (sort) => {
      const found = await find({ q: "language", sort, limit: 100 });
      const listed = (await page(sort, 1, 100)).items.map((p) => p.id);
      const ids = new Set(found.items.map((p) => p.id));
      expect(found.items.length).toBeGreaterThan(20);
      expect(found.items.map((p) => p.id)).toEqual(listed.filter((id) => ids.has(id)));
    },
  );

  it("returns nothing for a word no paper contains", async () => {
    const result = await find({ q: "zzqxv" });
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
      const result = await find({ q: "Quokkaformer" });
      expect(result.items.map((p) => p.title)).toEqual(["Quokkaformer: Marsupial Attention"]);
      const after = await getSearchState();
      expect(after.index).toBe(before.index); // the same index, updated in place
      expect(paperCount(after)).toBe(96);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("topics", () => {
  it("filters the listing to a topic, in trending order, with facet counts over all results", async () => {
    const all = await find({});
    const speech = await find({ topics: ["audio-speech"], limit: 100 });
    expect(speech.total).toBeGreaterThan(2);
    expect(speech.total).toBeLessThan(all.total);
    for (const p of speech.items) expect(p.topics.map((t) => t.slug)).toContain("audio-speech");
    expect(speech.items.map((p) => p.lastRank)).toEqual([...speech.items.map((p) => p.lastRank)].sort((a, b) => a - b));
    expect(speech.facets.find((f) => f.slug === "audio-speech")).toMatchObject({ count: speech.total, selected: true });
  });

  it("combines several topics: papers in all of them", async () => {
    const multimodal = await find({ topics: ["multimodal"], limit: 100 });
    const both = await find({ topics: ["multimodal", "biomedical"], limit: 100 });
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan(multimodal.total);
    for (const p of both.items)
      expect(p.topics.map((t) => t.slug)).toEqual(expect.arrayContaining(["multimodal", "biomedical"]));
  });

  it("counts topics for the current query, largest first, without zero counts", async () => {
    const result = await find({ q: "speech" });
    const counts = result.facets.map((f) => f.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.every((c) => c > 0)).toBe(true);
    const inTopic = (slug: string) => result.items.filter((p) => p.topics.some((t) => t.slug === slug)).length;
    expect(result.total).toBeLessThanOrEqual(20);
    for (const f of result.facets) expect(f.count).toBe(inTopic(f.slug));
  });

  it("works with a query, a topic and topic: in the query together", async () => {
    const viaParam = await find({ q: "data", topics: ["multimodal"] });
    const viaQuery = await find({ q: "data topic:multimodal" });
    expect(viaQuery.items.map((p) => p.id)).toEqual(viaParam.items.map((p) => p.id));
    expect(viaParam.topics).toEqual([{ slug: "multimodal", name: "Multimodal & vision-language" }]);
  });

  it("lists every topic with its count and top papers", async () => {
    const topics = await listTopics();
    expect(topics.length).toBeGreaterThanOrEqual(15);
    const speech = topics.find((t) => t.slug === "audio-speech")!;
    expect(speech.count).toBe((await find({ topics: ["audio-speech"] })).total);
    expect(speech.top.length).toBe(3);
  });
});

describe("the listing's totals and topic counts", () => {
  const listingCounts = async () => {
    const listing = await page("trending", 1);
    return { total: listing.total, facets: new Map(listing.facets.map((f) => [f.slug, f.count])) };
  };
  const topicsPageCounts = async () => new Map((await listTopics()).map((t) => [t.slug, t.count]));

  it("follow an ingest and a paper leaving the catalog at once (they are cached between changes)", async () => {
    const before = await listingCounts();
    const topicsBefore = await topicsPageCounts();
    const title = "Speech Recognition with Self-Supervised Audio Transformers";
    ingestFeedFile(
      cat.db,
      writeFeed(
        cat.dir,
        "speech.txt",
        textPage([[title, "We train a speech recognition model on unlabeled audio and spoken utterances."]]),
      ),
      { date: "2026-03-13" },
    );
    const added = cat.db.prepare<[string], { id: number }>("SELECT id FROM Paper WHERE title = ?").get(title)!;
    const topics = cat.db
      .prepare<[number], { topic: string }>("SELECT topic FROM PaperTopic WHERE paperId = ?")
      .all(added.id)
      .map((r) => r.topic);
    expect(topics).toContain("audio-speech");

    const after = await listingCounts();
    expect(after.total).toBe(before.total + 1);
    for (const t of topics) expect(after.facets.get(t)).toBe((before.facets.get(t) ?? 0) + 1);
    const topicsAfter = await topicsPageCounts();
    for (const t of topics) expect(topicsAfter.get(t)).toBe((topicsBefore.get(t) ?? 0) + 1);

    cat.db.prepare("DELETE FROM Paper WHERE id = ?").run(added.id);
    expect(await listingCounts()).toEqual(before);
    expect(await topicsPageCounts()).toEqual(topicsBefore);
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
