// Everything search keeps in memory besides the MiniSearch index, and the one
// way results are selected from it: the query, topic filters, phrases, and the
// listing order. Pure (no database): lib/search/service.ts fills it from the
// catalog, the evaluation (scripts/eval.ts) from the bundled sample.
import type MiniSearch from "minisearch";
import { cmp } from "@/lib/compare";
import type { Sort } from "@/lib/listing-params";
import { createIndex, phraseText, runSearch, toSearchDoc, type SearchDoc, type SearchHit } from "@/lib/search/index";
import type { ParsedQuery } from "@/lib/search/query";
import { indexTerms, tokenize } from "@/lib/search/terms";

/** What filtering, sorting and faceting results needs, per paper. */
export type PaperKeys = {
  slug: string;
  title: string;
  lastFeedDate: string;
  lastRank: number;
  newestOn: string;
  sortTitle: string;
  topics: string[];
};

/** A paper as the search state takes it. */
export type StatePaper = PaperKeys & { id: number; abstract: string; keyPhrases: string[] };

export type SearchState = {
  index: MiniSearch<SearchDoc>;
  keys: Map<number, PaperKeys>;
  /** Each paper's folded words, for phrase matching. */
  texts: Map<number, string>;
  /** In how many papers each index term occurs (for tf-idf). */
  df: Map<string, number>;
  /** A word as written for each index term (stems are not for showing). */
  surface: Map<string, string>;
};

export function createState(): SearchState {
  return { index: createIndex(), keys: new Map(), texts: new Map(), df: new Map(), surface: new Map() };
}

/** The distinct index terms of a paper's phrase text, for document frequencies. */
function docTerms(text: string): Set<string> {
  return new Set(text.trim().split(" ").flatMap(indexTerms));
}

/** Adds a paper to the state, or replaces it when it is there already. */
export function putPaper(state: SearchState, paper: StatePaper) {
  const doc = toSearchDoc(paper);
  const text = phraseText(paper);
  const old = state.texts.get(paper.id);
  if (old !== undefined) {
    for (const t of docTerms(old)) state.df.set(t, (state.df.get(t) ?? 1) - 1);
    state.index.replace(doc);
  } else {
    state.index.add(doc);
  }
  for (const t of docTerms(text)) state.df.set(t, (state.df.get(t) ?? 0) + 1);
  // Words to show for index terms, from what suggestions complete: titles, acronyms, topic names.
  for (const w of tokenize(`${doc.title} ${doc.acronyms} ${doc.topics}`)) {
    for (const t of indexTerms(w))
      if (!state.surface.has(t)) state.surface.set(t, /\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase());
  }
  const { slug, title, lastFeedDate, lastRank, newestOn, sortTitle, topics } = paper;
  state.keys.set(paper.id, { slug, title, lastFeedDate, lastRank, newestOn, sortTitle, topics });
  state.texts.set(paper.id, text);
}

type Keyed = PaperKeys & { id: number };

/** The listing orders in memory; lib/catalog.ts has the same orders in SQL, and tests check they agree. */
export const COMPARE: Record<Exclude<Sort, "relevance">, (a: Keyed, b: Keyed) => number> = {
  trending: (a, b) => cmp(b.lastFeedDate, a.lastFeedDate) || cmp(a.lastRank, b.lastRank) || cmp(a.id, b.id),
  newest: (a, b) =>
    cmp(b.newestOn, a.newestOn) ||
    cmp(b.lastFeedDate, a.lastFeedDate) ||
    cmp(a.lastRank, b.lastRank) ||
    cmp(a.id, b.id),
  title: (a, b) => cmp(a.sortTitle, b.sortTitle) || cmp(a.id, b.id),
};

/**
 * The papers a parsed query selects (its topics as filters), in the requested
 * order. A query of filters only has no relevance, so it is listed by trending.
 */
export function selectHits(state: SearchState, parsed: ParsedQuery, sort: Sort) {
  const allow = parsed.topics.length
    ? (id: number) => {
        const topics = state.keys.get(id)?.topics ?? [];
        return parsed.topics.every((t) => topics.includes(t));
      }
    : undefined;
  const { hits, mode, ranked } = runSearch(state.index, parsed, { allow, textOf: (id) => state.texts.get(id) });
  const order = sort === "relevance" && !ranked ? "trending" : sort;
  const ordered: SearchHit[] =
    order === "relevance"
      ? hits
      : hits
          .map((hit) => ({ hit, key: { id: hit.id, ...state.keys.get(hit.id)! } }))
          .sort((a, b) => COMPARE[order](a.key, b.key))
          .map(({ hit }) => hit);
  return { ordered, mode, ranked };
}

/** How many of the hits are in each topic. */
export function topicCounts(state: SearchState, hits: SearchHit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of hits) for (const t of state.keys.get(h.id)?.topics ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
