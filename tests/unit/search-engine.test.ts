// The lean engine (lib/search/engine.ts) must rank exactly as one MiniSearch
// holding every paper would, for every query shape the app sends, whether the
// papers sit in the delta (a MiniSearch), in a segment (typed arrays, possibly
// saved and loaded again), or split between them: this is what lets it read
// MiniSearch's internals safely, and what keeps ranking quality unchanged.
import fc from "fast-check";
import type { Query, SearchOptions } from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { searchIndex, type SearchIndex } from "@/lib/search/engine";
import { FIELD_BOOSTS } from "@/lib/search/index";
import { decodeSegment, encodeSegment } from "@/lib/search/segment";
import { compact, createState, putPaper, type SearchState } from "@/lib/search/state";
import { termsOf } from "@/lib/search/terms";
import { samplePapers, sampleSearch } from "@/scripts/lib/sample-state";

const { state } = sampleSearch();
/** The reference: one MiniSearch with every sample paper. */
const reference = state.index.delta;
const papers = samplePapers();

/** A state with the first `split` papers compacted into a segment and the rest in the delta. */
function splitState(split: number): SearchState {
  const s = createState();
  papers.slice(0, split).forEach((p) => putPaper(s, p));
  compact(s);
  papers.slice(split).forEach((p) => putPaper(s, p));
  return s;
}

/** A segment saved to bytes and loaded back, with nothing in the delta. */
function reloaded(): SearchIndex {
  const s = splitState(papers.length);
  const { segment } = decodeSegment(encodeSegment(s.index.segment!, {}));
  return { segment, delta: createState().index.delta };
}

const layouts: [string, SearchIndex][] = [
  ["all in the delta", state.index],
  ["all in a segment", splitState(papers.length).index],
  ["split between segment and delta", splitState(50).index],
  ["in a saved and reloaded segment", reloaded()],
];
let index: SearchIndex = state.index;

/** Words of the sample's titles and abstracts, as a reader would type them. */
const words = [
  ...new Set(
    [...state.texts.values()]
      .join(" ")
      .split(" ")
      .filter((w) => w.length > 2 && termsOf(w).length > 0),
  ),
].sort();

function expectSameRanking(query: Query, options: SearchOptions = {}) {
  const expected = reference.search(query, options);
  const actual = searchIndex(index, query, options).top();
  expect(actual.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id as number).sort());
  const scoreOf = new Map(actual.map((r) => [r.id, r.score]));
  for (const r of expected) expect(scoreOf.get(r.id as number)).toBeCloseTo(r.score, 9);
  // Same order wherever the scores are not (nearly) tied.
  for (let i = 1; i < actual.length; i++) {
    expect(actual[i - 1]!.score).toBeGreaterThanOrEqual(actual[i]!.score);
  }
}

const prefixLast = (_t: string, i: number, terms: string[]) => i === terms.length - 1;

describe.each(layouts)("the lean search engine, papers %s,", (_name, layout) => {
  beforeAll(() => {
    index = layout;
  });

  it("scores single words, AND and OR of words exactly as MiniSearch", () => {
    for (const q of ["language", "data selection", "vision language model", "agents", "quantization"]) {
      expectSameRanking(q);
      expectSameRanking(q, { combineWith: "OR" });
    }
  });

  it("scores prefixes and typo-tolerant words exactly as MiniSearch", () => {
    expectSameRanking("lang", { prefix: true });
    expectSameRanking("data sel", { prefix: prefixLast });
    expectSameRanking("pretrainnig", { fuzzy: 2 });
    expectSameRanking({ combineWith: "AND", queries: ["multilingul"], fuzzy: 1 });
    expectSameRanking("reasoning agnts", { fuzzy: 0.2, prefix: true, combineWith: "OR" });
  });

  it("scores nested queries, field subsets and term boosts exactly as MiniSearch", () => {
    expectSameRanking({
      combineWith: "AND",
      queries: [{ combineWith: "OR", queries: ["pretraining", "pre"] }, "data"],
    });
    expectSameRanking("model", { fields: ["title", "acronyms"], prefix: true, fuzzy: 1 });
    expectSameRanking(
      { combineWith: "OR", queries: ["learn", "model", "data"] },
      { processTerm: (t) => t, tokenize: (t) => [t], boostTerm: (t) => t.length },
    );
  });

  it("agrees with MiniSearch on random queries of catalog words, typos and prefixes", () => {
    const word = fc.constantFrom(...words);
    const typed = fc.oneof(
      word,
      word.map((w) => w.slice(0, Math.max(3, w.length - 2))),
      word.map((w) => w.slice(1)),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(typed, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("AND", "OR"),
        fc.boolean(),
        fc.constantFrom(false, 1, 2),
        (qs, combineWith, prefix, fuzzy) => {
          expectSameRanking(qs.join(" "), { combineWith, prefix, fuzzy, boost: FIELD_BOOSTS });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("returns exactly the k best matches, however many more there are", () => {
    const all = searchIndex(index, "model", { combineWith: "OR" }).top();
    for (const k of [1, Math.floor(all.length / 2), all.length - 1]) {
      expect(searchIndex(index, "model", { combineWith: "OR" }).top(k)).toEqual(all.slice(0, k));
    }
  });

  it("returns the k best matches in the same order as the full ranking", () => {
    const all = searchIndex(index, "model", { combineWith: "OR" }).top();
    expect(all.length).toBeGreaterThan(20);
    expect(searchIndex(index, "model", { combineWith: "OR" }).top(5)).toEqual(all.slice(0, 5));
  });

  it("applies a filter to document ids and lists the terms each match contains", () => {
    const matches = searchIndex<number>(index, "data sel", { prefix: prefixLast }, (id) => id % 2 === 0);
    const expected = reference.search("data sel", { prefix: prefixLast, filter: (r) => (r.id as number) % 2 === 0 });
    expect(matches.size).toBe(expected.length);
    for (const r of expected) expect(matches.termsOf(r.id as number).sort()).toEqual([...r.terms].sort());
  });
});

describe("a paper that changed after its segment was made", () => {
  it("is found by its new words and no longer by its old ones, once", () => {
    const s = splitState(papers.length);
    const paper = papers[0]!;
    putPaper(s, { ...paper, title: "Wombatformer: Burrowing Attention", abstract: "We study wombats burrowing." });
    const wombat = searchIndex(s.index, "wombat");
    expect(wombat.ids()).toEqual([paper.id]);
    const oldWord = termsOf(paper.title).find((t) => searchIndex({ segment: null, delta: reference }, t).size === 1);
    if (oldWord) expect(searchIndex(s.index, oldWord).ids()).toEqual([]);
    expect(
      searchIndex(s.index, "model", { combineWith: "OR" })
        .ids()
        .filter((id) => id === paper.id).length,
    ).toBeLessThanOrEqual(1);
  });
});
