import { describe, expect, it } from "vitest";
import { readFeed } from "@/lib/feed/index";
import { paperAcronyms } from "@/lib/text/acronyms";
import { TOPICS } from "@/lib/topics/taxonomy";
import { tagTopics } from "@/lib/topics/tagger";
import { benchQueries } from "@/scripts/lib/bench-queries";
import { SyntheticGenerator, syntheticFeed, textPage } from "@/scripts/lib/synthetic-feed";

// The benchmark's synthetic catalogs: deterministic, parseable as a multi-day
// trending page, and shaped like a real catalog (large vocabulary, topics,
// acronyms defined in the abstracts).
describe("synthetic catalogs", () => {
  const catalog = new SyntheticGenerator(42).catalog(3000);

  it("are the same for the same seed and differ for another", () => {
    expect(textPage(new SyntheticGenerator(42).catalog(3000).days)).toBe(textPage(catalog.days));
    expect(textPage(new SyntheticGenerator(43).catalog(3000).days)).not.toBe(textPage(catalog.days));
    expect(syntheticFeed(200).text).toBe(syntheticFeed(200).text);
  });

  it("read as a trending page with one date line per day, every paper valid and filed under its day", () => {
    const feed = readFeed(new TextEncoder().encode(textPage(catalog.days)), { today: "2026-11-29" });
    const entries = catalog.days.reduce((n, d) => n + d.papers.length, 0);
    expect(feed.rejected).toEqual([]);
    expect(feed.records).toHaveLength(entries);
    expect(entries).toBeGreaterThan(3000); // some papers trend again on a later day
    expect(feed.feedDates).toEqual(catalog.days.map((d) => d.date));
    expect(feed.feedDates.at(-1)).toBe("2026-11-28");
    expect(new Set(feed.records.map((r) => r.titleKey)).size).toBe(3000);
  });

  it("have a large vocabulary, several topics and the acronyms their abstracts define", () => {
    const words = new Set(catalog.papers.flatMap((p) => `${p.title} ${p.abstract}`.toLowerCase().match(/[a-z]+/g)));
    expect(words.size).toBeGreaterThan(20_000);
    const sample = catalog.papers.slice(0, 200);
    const tagged = sample.filter((p) => tagTopics(p.title, p.abstract).some((t) => t.slug === p.topic));
    expect(tagged.length).toBeGreaterThan(180);
    expect(new Set(sample.map((p) => p.topic)).size).toBeGreaterThan(10);
    const defined = sample.filter((p) => paperAcronyms(p.title, p.abstract).some((a) => a.acronym === p.name));
    expect(defined.length).toBeGreaterThan(180);
  });

  it("give a single-day page of distinct titles for syntheticFeed", () => {
    const feed = syntheticFeed(500);
    expect(new Set(feed.titles).size).toBe(500);
    const parsed = readFeed(new TextEncoder().encode(feed.text), { today: "2026-11-29", date: "2026-03-11" });
    expect(parsed.records.map((r) => r.title)).toEqual(feed.titles);
    expect(feed.text.length / 500).toBeGreaterThan(1400);
  });

  it("give a fixed query set of every kind", () => {
    const slugs = TOPICS.map((t) => t.slug);
    const queries = benchQueries(catalog.papers, slugs);
    expect(queries.length).toBeGreaterThanOrEqual(100);
    expect(new Set(queries.map((q) => q.kind)).size).toBe(10);
    expect(benchQueries(catalog.papers, slugs)).toEqual(queries);
  });
});
