// The MiniSearch index over the catalog: which fields, how they are weighted, and
// how a parsed query runs. Pure: building and querying only; lib/search/service.ts
// owns the index's lifecycle (built once per process, refreshed on catalog change).
import MiniSearch, { type Query } from "minisearch";
import {
  allDocuments,
  closeIndexTerms,
  documentCount,
  documentFrequency,
  hasIndexTerm,
  searchIndex,
  type Matches,
  type SearchIndex,
} from "@/lib/search/engine";
import { fieldAcronymAliases } from "@/lib/search/field-acronyms";
import type { ParsedQuery } from "@/lib/search/query";
import {
  canonicalWords,
  indexTerms,
  joinedCompound,
  queryTerm,
  splitWords,
  termsOf,
  tokenize,
} from "@/lib/search/terms";
import { paperAcronyms } from "@/lib/text/acronyms";
import { plainText } from "@/lib/text/rich-text";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

/** What the index holds per paper: the text a reader sees (markup resolved) and what was derived from it. */
export type SearchDoc = {
  id: number;
  title: string;
  /** Acronyms and names the paper defines, with their expansions ("MATES model-aware data selection ..."). */
  acronyms: string;
  keyPhrases: string;
  /** Names and slugs of the paper's topics. */
  topics: string;
  /** Field acronyms the text uses in either form, as "LLM large language model". */
  aliases: string;
  abstract: string;
};

export type IndexablePaper = { id: number; title: string; abstract: string; keyPhrases: string[]; topics: string[] };

export type SearchHit = { id: number; score: number; terms: string[] };

/** Whether the catalog has every term of `word` (a word the reader typed). */
function knownWord(index: SearchIndex, word: string): boolean {
  const terms = splitWords(word).flatMap((w) => queryTerm(w) ?? []);
  return terms.length > 0 && terms.every((t) => hasIndexTerm(index, t));
}

/** How the results were found: every word as typed, every word allowing typos, or only some words. */
export type MatchMode = "exact" | "typo" | "partial";

/** Title above acronyms above key phrases and topics above the abstract. */
export const FIELD_BOOSTS = {
  title: 3,
  acronyms: 2.5,
  keyPhrases: 1.5,
  topics: 1.5,
  aliases: 1.2,
  abstract: 1,
} as const;

/**
 * Typos allowed in a word the catalog does not have: one edit from four letters,
 * two from eight (from six for acronyms, whose typos are often swapped letters).
 * Counted on the word as typed, not its stem.
 */
export function fuzziness(word: string): number | false {
  const acronym = /\p{Lu}.*\p{Lu}/u.test(word);
  if (word.length >= 8 || (acronym && word.length >= 6)) return 2;
  return word.length >= 4 ? 1 : false;
}

export function createIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>({
    fields: Object.keys(FIELD_BOOSTS),
    storeFields: [],
    tokenize,
    processTerm: (term) => indexTerms(term),
    // Query leaves are single words (see wordQuery): split them without the index's compound joining.
    searchOptions: {
      tokenize: splitWords,
      processTerm: (term) => queryTerm(term),
      boost: FIELD_BOOSTS,
      combineWith: "AND",
    },
  });
}

/** The document indexed for a paper. */
export function toSearchDoc(paper: IndexablePaper): SearchDoc {
  const title = plainText(paper.title);
  const abstract = plainText(paper.abstract);
  return {
    id: paper.id,
    title,
    acronyms: paperAcronyms(title, abstract)
      .map((a) => `${a.acronym} ${a.expansion ?? ""}`)
      .join(" ; "),
    keyPhrases: paper.keyPhrases.join(" ; "),
    topics: paper.topics.map((slug) => `${TOPIC_BY_SLUG.get(slug)?.name ?? ""} ${slug}`).join(" ; "),
    aliases: fieldAcronymAliases(canonicalWords(`${title} \n ${abstract}`)).join(" ; "),
    abstract,
  };
}

/** The folded word sequence phrases are matched against (see `phraseNeedle`). */
export function phraseText(paper: { title: string; abstract: string }): string {
  return ` ${canonicalWords(`${plainText(paper.title)} \n ${plainText(paper.abstract)}`).join(" ")} `;
}

/**
 * What a paper's phraseText contains when it has the phrase word for word (case,
 * accents, hyphens aside), or null for a phrase with no words. Folded once per
 * query, not per paper.
 */
export function phraseNeedle(phrase: string): string | null {
  const words = canonicalWords(phrase);
  return words.length > 0 ? ` ${words.join(" ")} ` : null;
}

const HYPHEN = /[-\u2010\u2011]/;

/**
 * The query for one word: a hyphenated compound matches its parts together or,
 * for "pre-training"-like compounds, the joined word. With `typos`, a word the
 * catalog does not have also matches close spellings. Null for stop words.
 */
function wordQuery(word: string, typos?: SearchIndex): Query | null {
  if (!HYPHEN.test(word)) {
    if (!termsOf(word).length) return null;
    const unknown = typos && !knownWord(typos, word);
    return unknown ? { combineWith: "AND", queries: [word], fuzzy: fuzziness(word) } : word;
  }
  const parts = word.split(HYPHEN).filter((p) => termsOf(p).length > 0);
  if (parts.length === 0) return null;
  const together: Query = parts.length === 1 ? parts[0]! : { combineWith: "AND", queries: parts };
  const joined = joinedCompound(word);
  return joined ? { combineWith: "OR", queries: [joined, together] } : together;
}

/** The MiniSearch query for a parsed query's required words and phrase words (null when there are none). */
function positiveQuery(parsed: ParsedQuery, combineWith: "AND" | "OR", typos?: SearchIndex): Query | null {
  const words = [...parsed.words, ...parsed.phrases.flatMap((p) => p.split(/\s+/))];
  const queries = words.map((w) => wordQuery(w, typos)).filter((q): q is Query => q !== null);
  return queries.length ? { combineWith, queries } : null;
}

export type SearchFilters = {
  /** Whether a paper may appear at all (topic filters). */
  allow?: (id: number) => boolean;
  /**
   * A test of whether a paper's phraseText contains `needle` (see phraseNeedle),
   * for phrases and excluded phrases; without it no paper has a phrase.
   */
  containing?: (needle: string) => (id: number) => boolean;
};

/** The test for one phrase under `filters`. */
function phraseTest(phrase: string, filters: SearchFilters): (id: number) => boolean {
  const needle = phraseNeedle(phrase);
  return needle && filters.containing ? filters.containing(needle) : () => false;
}

/**
 * Runs a parsed query in up to three passes, stopping at the first that finds
 * anything: every word as typed (the last one also as a prefix, since it may be
 * unfinished); every word, with typos forgiven in words the catalog does not
 * have; then any of the words. Typos are only forgiven when the words as typed
 * find nothing, so "MATES" is not padded with "rates". Phrases, exclusions and `filters` apply to every pass. A query of only
 * filters (topic:, -word) returns every allowed paper with equal scores.
 */
export function runSearch(
  index: SearchIndex,
  parsed: ParsedQuery,
  filters: SearchFilters = {},
): { matches: Matches; mode: MatchMode; ranked: boolean } {
  const excluded = excludedIds(index, parsed, filters);
  const phrases = parsed.phrases.map((p) => phraseTest(p, filters));
  const filter = (id: number) => {
    if (excluded.has(id) || (filters.allow && !filters.allow(id))) return false;
    return phrases.every((contains) => contains(id));
  };
  const all = positiveQuery(parsed, "AND");
  if (!all) {
    // Words that are all stop words ask for nothing findable; only a query of filters lists everything allowed.
    if (parsed.words.length || parsed.phrases.length) return { matches: noMatches, mode: "exact", ranked: true };
    return { matches: allDocuments(index, filter), mode: "exact", ranked: false };
  }
  const lastWord = parsed.words.at(-1);
  const prefix = (term: string, i: number, terms: string[]) =>
    lastWord !== undefined && i === terms.length - 1 && term.length >= 3 && termsOf(lastWord).at(-1) === term;
  const exact = searchIndex(index, all, { fuzzy: false, prefix }, filter);
  if (exact.size > 0) return { matches: exact, mode: "exact", ranked: true };
  const typos = searchIndex(index, positiveQuery(parsed, "AND", index)!, { fuzzy: false, prefix }, filter);
  if (typos.size > 0) return { matches: typos, mode: "typo", ranked: true };
  const some = positiveQuery(parsed, "OR", index)!;
  const partial =
    parsed.words.length + parsed.phrases.length > 1
      ? searchIndex(index, some, { fuzzy: false, prefix }, filter)
      : noMatches;
  return { matches: partial, mode: "partial", ranked: true };
}

const noMatches: Matches = { size: 0, ids: () => [], top: () => [], termsOf: () => [] };

/** Papers that an excluded word or phrase rules out. */
function excludedIds(index: SearchIndex, parsed: ParsedQuery, filters: SearchFilters): Set<number> {
  const out = new Set<number>();
  for (const word of parsed.excludedWords) {
    const q = wordQuery(word);
    if (q) for (const id of searchIndex(index, q, { prefix: false, fuzzy: false }).ids()) out.add(id);
  }
  for (const phrase of parsed.excludedPhrases) {
    const q = positiveQuery(
      { words: [], phrases: [phrase], excludedWords: [], excludedPhrases: [], topics: [] },
      "AND",
    );
    if (!q) continue;
    const contains = phraseTest(phrase, filters);
    for (const id of searchIndex(index, q, { prefix: false, fuzzy: false }).ids()) if (contains(id)) out.add(id);
  }
  return out;
}

/** Catalog words close to `word` (one or two edits), best first; just `word` when the catalog has it. */
function closeTerms(index: SearchIndex, word: string, surface: (term: string) => string): string[] {
  if (knownWord(index, word)) return [word];
  const term = queryTerm(word) ?? "";
  const maxEdits = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
  if (!maxEdits) return [];
  return closeIndexTerms(index, term, maxEdits).map(surface);
}

/**
 * Queries a reader might have meant when theirs found nothing: for one word, the
 * closest catalog words; for several, the query with each unknown word replaced
 * by its closest match. `surface` turns an index term (a stem) into a word to show.
 */
export function suggestQueries(
  index: SearchIndex,
  words: string[],
  surface: (term: string) => string,
  limit = 3,
): string[] {
  const real = words.filter((w) => termsOf(w).length > 0);
  if (real.length === 0) return [];
  const options = real.map((w) => closeTerms(index, w, surface));
  if (real.length === 1) return options[0]!.filter((t) => t.toLowerCase() !== real[0]!.toLowerCase()).slice(0, limit);
  if (options.some((o) => o.length === 0)) return [];
  const suggestion = options.map((o) => o[0]).join(" ");
  return suggestion.toLowerCase() === real.join(" ").toLowerCase() ? [] : [suggestion];
}

export type SimilarHit = SearchHit & { shared: string[] };

/** The fields whose words make a paper's text (for document frequencies in similarTo). */
const TEXT_FIELDS = ["title", "abstract"];

/**
 * Papers most like a paper by tf-idf: its most distinctive terms (frequent in it,
 * rare in the catalog) as a query, each weighted by its idf, scored by BM25. Each
 * hit lists the distinctive terms it shares, best first.
 */
export function similarTo(index: SearchIndex, doc: SearchDoc, limit: number): SimilarHit[] {
  const n = Math.max(documentCount(index), 1);
  const df = (t: string) => documentFrequency(index, t, TEXT_FIELDS);
  const tf = new Map<string, number>();
  for (const field of [doc.title, doc.title, doc.keyPhrases, doc.abstract]) {
    for (const w of tokenize(field)) for (const t of indexTerms(w)) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  const weighted = [...tf]
    .filter(([t]) => t.length > 2 && !/^\d+$/.test(t))
    .map(([t, f]) => ({ t, f, df: df(t) }))
    .filter(({ df }) => df > 1)
    .map(({ t, f, df }) => ({ t, w: Math.log(1 + f) * Math.log(1 + n / df) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, 20);
  if (weighted.length === 0) return [];
  const weightOf = new Map(weighted.map(({ t, w }) => [t, w]));
  const matches = searchIndex(
    index,
    { combineWith: "OR", queries: weighted.map(({ t }) => t) },
    {
      prefix: false,
      fuzzy: false,
      processTerm: (term) => term, // the terms are index terms already
      tokenize: (text) => [text],
      boostTerm: (term) => weightOf.get(term) ?? 1,
    },
    (id) => id !== doc.id,
  );
  return matches.top(limit).map(({ id, score }) => {
    const terms = matches.termsOf(id);
    return {
      id,
      score,
      terms,
      shared: terms.filter((t) => weightOf.has(t)).sort((a, b) => weightOf.get(b)! - weightOf.get(a)!),
    };
  });
}
