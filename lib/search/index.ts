// The MiniSearch index over the catalog: which fields, how they are weighted, and
// how a query is run. Pure: building and querying only; lib/search/service.ts
// owns the index's lifecycle (build once per process, refresh on catalog change).
import MiniSearch, { type SearchResult } from "minisearch";
import { plainText } from "@/lib/text/rich-text";
import { normalizeTerm, termsOf, tokenize } from "@/lib/search/terms";

/** What the index holds per paper: the text a reader sees, markup resolved. */
export type SearchDoc = { id: number; title: string; abstract: string };

export type SearchHit = { id: number; score: number; terms: string[] };

/** A title match outweighs several abstract matches, so "MATES" finds MATES first. */
export const TITLE_BOOST = 3;

/**
 * Typo tolerance that does not turn short words into noise: exact up to four
 * letters (acronyms), one edit from five, two from nine (runQuery only uses it
 * when the words as typed find nothing). Prefixes from three letters
 * ("pretrain" finds "pretraining"); prefix and fuzzy matches score lower.
 */
export const SEARCH_OPTIONS = {
  boost: { title: TITLE_BOOST },
  prefix: (term: string) => term.length >= 3,
  fuzzy: (term: string) => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false),
  combineWith: "AND",
} as const;

export function createIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>({
    fields: ["title", "abstract"],
    storeFields: [],
    tokenize,
    processTerm: (term) => normalizeTerm(term),
    searchOptions: SEARCH_OPTIONS,
  });
}

/** The document indexed for a paper (title and abstract as plain text). */
export function toSearchDoc(paper: { id: number; title: string; abstract: string }): SearchDoc {
  return { id: paper.id, title: plainText(paper.title), abstract: plainText(paper.abstract) };
}

const toHits = (results: SearchResult[]): SearchHit[] =>
  results.map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));

/**
 * Runs a user query in up to three passes, stopping at the first that finds
 * anything: every word exactly (or as a prefix); every word allowing typos;
 * then any of the words. Typos are only forgiven when the words as typed find
 * nothing, so "MATES" is not padded with papers about "rates". `matchedAll` is
 * false when the results match only some of the words.
 */
export function runQuery(index: MiniSearch<SearchDoc>, q: string): { hits: SearchHit[]; matchedAll: boolean } {
  const exact = index.search(q, { fuzzy: false });
  if (exact.length > 0) return { hits: toHits(exact), matchedAll: true };
  const typos = index.search(q);
  if (typos.length > 0 || termsOf(q).length < 2) return { hits: toHits(typos), matchedAll: true };
  return { hits: toHits(index.search(q, { combineWith: "OR" })), matchedAll: false };
}

/** Catalog words close to `word` (one or two edits), best first; just `word` when the catalog has it. */
function closeTerms(index: MiniSearch<SearchDoc>, word: string): string[] {
  if (index.search(word, { prefix: false, fuzzy: false }).length > 0) return [word];
  const maxEdits = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  if (!maxEdits) return [];
  const hits = index.search(word, { prefix: false, fuzzy: maxEdits, combineWith: "OR" });
  return [...new Set(hits.flatMap((h) => h.terms))];
}

/**
 * Queries a reader might have meant when theirs found nothing: for one word, the
 * closest catalog words; for several, the query with each unknown word replaced
 * by its closest match.
 */
export function suggestQueries(index: MiniSearch<SearchDoc>, q: string, limit = 3): string[] {
  const words = termsOf(q);
  if (words.length === 0) return [];
  const options = words.map((w) => closeTerms(index, w));
  if (words.length === 1) return options[0]!.filter((t) => t !== words[0]).slice(0, limit);
  if (options.some((o) => o.length === 0)) return [];
  const suggestion = options.map((o) => o[0]).join(" ");
  return suggestion === words.join(" ") ? [] : [suggestion];
}

/**
 * Papers most like `doc`: its distinctive words (title words, then the abstract's
 * most frequent ones) as an OR query, so BM25 favours papers sharing rare terms.
 */
export function similarTo(index: MiniSearch<SearchDoc>, doc: SearchDoc, limit: number): SearchHit[] {
  const counts = new Map<string, number>();
  for (const w of tokenize(doc.abstract)) {
    const t = normalizeTerm(w);
    if (t && t.length > 3 && !/^\d+$/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const abstractTerms = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([t]) => t);
  const titleTerms = termsOf(doc.title);
  const query = [...new Set([...titleTerms, ...abstractTerms])].join(" ");
  if (!query) return [];
  return toHits(
    index
      .search(query, { combineWith: "OR", prefix: false, fuzzy: false, filter: (r) => r.id !== doc.id })
      .slice(0, limit),
  );
}
