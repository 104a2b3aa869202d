// Runs MiniSearch queries over MiniSearch's own index, scoring exactly as
// MiniSearch.search does (BM25+, field and term boosts, prefix and fuzzy weights,
// AND/OR trees, the "matched query terms" multiplier), but lean enough for a
// 100,000-paper catalog.
//
// Why not index.search: it builds one result object per matching document (with
// its matched terms and fields), filters, and sorts every match. A common word
// matches tens of thousands of papers at that size, so that bookkeeping, not the
// scoring, costs 30-250 ms per query. Here scores accumulate in typed arrays
// indexed by MiniSearch's internal document number, only the top k are sorted,
// and the terms a result matched are looked up for the few results shown.
//
// It reads MiniSearch's internal fields (the radix tree of postings, field
// lengths, document ids). They are stable within minisearch 7.x, which
// package.json pins; tests/unit/search-engine.test.ts compares every query shape
// the app uses against index.search, so an upgrade that changes them fails there.
import type MiniSearch from "minisearch";
import type { Query, SearchOptions } from "minisearch";

type Postings = Map<number, number>;
type FieldTermData = Map<number, Postings>;
type FuzzyResults = Map<string, [FieldTermData, number]>;
type TermMap = {
  get(term: string): FieldTermData | undefined;
  has(term: string): boolean;
  atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
  fuzzyGet(term: string, maxDistance: number): FuzzyResults;
};

/** The parts of a MiniSearch instance this module reads. */
type Internals = {
  _index: TermMap;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _options: {
    fields: string[];
    tokenize: (text: string, field?: string) => string[];
    processTerm: (term: string, field?: string) => string | string[] | null | undefined | false;
    searchOptions: SearchOptions;
  };
};

const internals = (index: MiniSearch<never> | MiniSearch<unknown>) => index as unknown as Internals;

const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };
const DEFAULT_BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const DEFAULT_MAX_FUZZY = 6;

/**
 * Per-document data in dense arrays by short id: field lengths (field-major) and
 * external ids, undefined for removed documents. MiniSearch keeps these in Maps
 * of arrays, and looking them up per posting costs more than scoring it (cache
 * misses over a large heap). Rebuilt after any change to the index: every add
 * takes a new short id and every removal lowers the document count, so the pair
 * identifies a version.
 */
type DocTable = { version: string; lengths: Uint32Array; ids: unknown[] };
const docTables = new WeakMap<object, DocTable>();

function docTable(ix: Internals): DocTable {
  const version = `${ix._nextId}:${ix._documentCount}`;
  const cached = docTables.get(ix);
  if (cached?.version === version) return cached;
  const cap = ix._nextId;
  const fieldCount = Object.keys(ix._fieldIds).length;
  const lengths = new Uint32Array(cap * fieldCount);
  const ids: unknown[] = new Array(cap).fill(undefined);
  ix._fieldLength.forEach((byField, doc) => {
    for (let f = 0; f < fieldCount; f++) lengths[f * cap + doc] = byField[f] ?? 0;
  });
  ix._documentIds.forEach((id, doc) => (ids[doc] = id));
  const table = { version, lengths, ids };
  docTables.set(ix, table);
  return table;
}

/** One index term a query term expanded to (itself, a prefix completion or a close spelling), with its weight. */
type Expansion = { source: number; term: string; weight: number; termBoost: number; data: FieldTermData };

/**
 * Scores per document for one (sub)query: dense arrays over MiniSearch's short
 * document ids, plus the list of documents present. `terms` is a bit set of the
 * distinct query terms a document matched (MiniSearch multiplies the final
 * score by their number).
 */
class Scores {
  readonly score: Float64Array;
  readonly terms: Uint32Array;
  readonly present: Uint8Array;
  docs: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.score = new Float64Array(capacity);
    this.terms = new Uint32Array(capacity);
    this.present = new Uint8Array(capacity);
    this.docs = new Int32Array(Math.min(capacity, 1024));
  }

  add(doc: number, score: number, terms: number) {
    if (this.present[doc]) {
      this.score[doc] = this.score[doc]! + score;
      this.terms[doc] = this.terms[doc]! | terms;
      return;
    }
    this.present[doc] = 1;
    this.score[doc] = score;
    this.terms[doc] = terms;
    if (this.size === this.docs.length) {
      const grown = new Int32Array(Math.min(this.score.length, this.docs.length * 4));
      grown.set(this.docs);
      this.docs = grown;
    }
    this.docs[this.size++] = doc;
  }
}

type Options = Required<Pick<SearchOptions, "weights" | "bm25" | "maxFuzzy">> & SearchOptions;

/** Bits for the distinct query terms of one search (MiniSearch counts each distinct term once). */
class TermBits {
  private readonly bits = new Map<string, number>();
  of(term: string): number {
    let bit = this.bits.get(term);
    if (bit === undefined) {
      // Past 32 distinct terms, later ones share the last bit: the count saturates, which only
      // affects queries longer than anyone types (similar-paper queries use 20).
      bit = 1 << Math.min(this.bits.size, 31);
      this.bits.set(term, bit);
    }
    return bit;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** What one search needs while it runs. */
type Run = { ix: Internals; docs: DocTable; capacity: number; bits: TermBits; expansions: Expansion[] };

function withDefaults(ix: Internals, options: SearchOptions): Options {
  return {
    ...ix._options.searchOptions,
    ...options,
    weights: { ...DEFAULT_WEIGHTS, ...ix._options.searchOptions.weights, ...options.weights },
    bm25: options.bm25 ?? ix._options.searchOptions.bm25 ?? DEFAULT_BM25,
    maxFuzzy: options.maxFuzzy ?? ix._options.searchOptions.maxFuzzy ?? DEFAULT_MAX_FUZZY,
  } as Options;
}

/** Adds the BM25+ contributions of one index term's postings, as MiniSearch's termResults does. */
function scoreTerm(run: Run, out: Scores, exp: Expansion, options: Options) {
  const { ix } = run;
  const { k, b, d } = options.bm25;
  const fields = options.fields ?? ix._options.fields;
  const sourceBit = exp.source;
  for (const field of fields) {
    const fieldId = ix._fieldIds[field];
    if (fieldId === undefined) continue;
    const postings = exp.data.get(fieldId);
    if (!postings) continue;
    const boost = (options.boost as Record<string, number> | undefined)?.[field] || 1;
    const matching = postings.size;
    const n = ix._documentCount;
    const idf = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
    const avg = ix._avgFieldLength[fieldId]!;
    const factor = exp.weight * exp.termBoost * boost * idf;
    const { lengths, ids } = run.docs;
    const offset = fieldId * run.capacity;
    const k1 = k + 1;
    // forEach, not for-of: no [key, value] array per posting, which matters at tens of thousands of postings.
    postings.forEach((tf, doc) => {
      if (ids[doc] === undefined) return; // removed from the index (its postings go at the next vacuum)
      out.add(doc, factor * (d + (tf * k1) / (tf + k * (1 - b + (b * lengths[offset + doc]!) / avg))), sourceBit);
    });
  }
}

/** A query leaf (a string): its terms as MiniSearch would process them, each expanded and scored. */
function runLeaf(run: Run, text: string, options: Options): Scores {
  const ix = run.ix;
  const tokenize = options.tokenize ?? ix._options.tokenize;
  const processTerm = options.processTerm ?? ix._options.processTerm;
  const terms = tokenize(text)
    .flatMap((t) => processTerm(t))
    .filter((t): t is string => !!t);
  const results = terms.map((term, i) => {
    const fuzzy = typeof options.fuzzy === "function" ? options.fuzzy(term, i, terms) : options.fuzzy || false;
    const prefix = typeof options.prefix === "function" ? options.prefix(term, i, terms) : options.prefix === true;
    const termBoost = typeof options.boostTerm === "function" ? options.boostTerm(term, i, terms) : 1;
    const source = run.bits.of(term);
    const out = new Scores(run.capacity);
    const scoreOne = (derived: string, weight: number, data: FieldTermData | undefined) => {
      if (!data) return;
      const exp = { source, term: derived, weight, termBoost, data };
      run.expansions.push(exp);
      scoreTerm(run, out, exp, options);
    };
    scoreOne(term, 1, ix._index.get(term));
    let fuzzyMatches: FuzzyResults | undefined;
    if (fuzzy) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      const maxDistance = f < 1 ? Math.min(options.maxFuzzy, Math.round(term.length * f)) : f;
      if (maxDistance) fuzzyMatches = ix._index.fuzzyGet(term, maxDistance);
    }
    if (prefix) {
      for (const [derived, data] of ix._index.atPrefix(term)) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(derived);
        scoreOne(derived, (options.weights.prefix * derived.length) / (derived.length + 0.3 * distance), data);
      }
    }
    if (fuzzyMatches) {
      for (const [derived, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        scoreOne(derived, (options.weights.fuzzy * derived.length) / (derived.length + distance), data);
      }
    }
    return out;
  });
  return combine(run, results, options.combineWith);
}

/** MiniSearch's AND (documents in both, scores summed) and OR (documents in either) over dense score arrays. */
function combine(run: Run, results: Scores[], combineWith: string | undefined): Scores {
  if (results.length === 0) return new Scores(0);
  const and = (combineWith ?? "OR").toUpperCase() === "AND";
  return results.reduce((a, b) => {
    if (and) {
      const out = new Scores(run.capacity);
      for (let i = 0; i < b.size; i++) {
        const doc = b.docs[i]!;
        if (a.present[doc]) out.add(doc, a.score[doc]! + b.score[doc]!, a.terms[doc]! | b.terms[doc]!);
      }
      return out;
    }
    for (let i = 0; i < b.size; i++) {
      const doc = b.docs[i]!;
      a.add(doc, b.score[doc]!, b.terms[doc]!);
    }
    return a;
  });
}

function runQuery(run: Run, query: Query, options: Options): Scores {
  if (typeof query === "string") return runLeaf(run, query, options);
  if (typeof query !== "object" || !("queries" in query)) throw new Error("wildcard queries are not supported here");
  const { queries, ...own } = query;
  const merged = withDefaults(run.ix, { ...options, ...own });
  return combine(
    run,
    queries.map((q) => runQuery(run, q, merged)),
    merged.combineWith,
  );
}

/**
 * The matches of a search: every matching document's id and final score (in no
 * particular order), the best ones on demand, and the index terms each matched.
 */
export type Matches<Id = number> = {
  readonly size: number;
  /** Document ids of every match, in no particular order. */
  ids(): Id[];
  /** The ids of the best `k` matches (all when k is omitted), by descending score. */
  top(k?: number): { id: Id; score: number }[];
  /** The index terms (stems, completions, close spellings) a matching document contains. */
  termsOf(id: Id): string[];
};

/**
 * Runs `query` as `index.search(query, options)` would and returns its matches.
 * `filter` sees document ids (MiniSearch's sees whole results).
 */
export function searchIndex<Id = number>(
  index: MiniSearch<never> | MiniSearch<unknown>,
  query: Query,
  options: SearchOptions = {},
  filter?: (id: Id) => boolean,
): Matches<Id> {
  const ix = internals(index);
  const table = docTable(ix);
  const run: Run = { ix, docs: table, capacity: ix._nextId, bits: new TermBits(), expansions: [] };
  const scores = runQuery(run, query, withDefaults(ix, options));
  const ids: Id[] = [];
  const finals: number[] = [];
  for (let i = 0; i < scores.size; i++) {
    const doc = scores.docs[i]!;
    const id = table.ids[doc] as Id;
    if (filter && !filter(id)) continue;
    ids.push(id);
    finals.push(scores.score[doc]! * (popcount(scores.terms[doc]!) || 1));
  }
  return {
    size: ids.length,
    ids: () => ids,
    top: (k = ids.length) => topK(finals, Math.min(k, ids.length)).map((i) => ({ id: ids[i]!, score: finals[i]! })),
    termsOf: (id) => {
      const doc = ix._idToShortId.get(id);
      if (doc === undefined) return [];
      const terms: string[] = [];
      for (const exp of run.expansions) {
        if (terms.includes(exp.term)) continue;
        for (const postings of exp.data.values()) {
          if (postings.has(doc)) {
            terms.push(exp.term);
            break;
          }
        }
      }
      return terms;
    },
  };
}

/** Positions of the k largest scores, best first (ties: earlier position first, as a stable sort would). */
function topK(scores: number[], k: number): number[] {
  if (k <= 0) return [];
  const order = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
  if (k * 8 >= scores.length) return Array.from(scores.keys()).sort(order);
  // A min-heap of the best k seen so far: O(n log k) instead of sorting every match.
  const heap: number[] = [];
  const worse = (a: number, b: number) => order(a, b) > 0; // a ranks after b
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let j = heap.length - 1; j > 0; ) {
        const p = (j - 1) >> 1;
        if (!worse(heap[j]!, heap[p]!)) break;
        [heap[j], heap[p]] = [heap[p]!, heap[j]!];
        j = p;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(order);
}

/** Whether the index has `term` (an index term, already processed). */
export function hasIndexTerm(index: MiniSearch<never> | MiniSearch<unknown>, term: string): boolean {
  return internals(index)._index.has(term);
}

/** In how many documents `term` (an index term) occurs in any of `fields`. */
export function documentFrequency(
  index: MiniSearch<never> | MiniSearch<unknown>,
  term: string,
  fields: string[],
): number {
  const ix = internals(index);
  const data = ix._index.get(term);
  if (!data) return 0;
  const lists = fields.flatMap((f) => {
    const postings = data.get(ix._fieldIds[f]!);
    return postings ? [postings] : [];
  });
  if (lists.length === 1) return lists[0]!.size;
  const docs = new Set<number>();
  for (const list of lists) for (const doc of list.keys()) docs.add(doc);
  return docs.size;
}

/** Every document `filter` allows, unranked (score 1), in the order they were indexed: a query of filters only. */
export function allDocuments<Id = number>(
  index: MiniSearch<never> | MiniSearch<unknown>,
  filter?: (id: Id) => boolean,
): Matches<Id> {
  const ids: Id[] = [];
  for (const id of internals(index)._documentIds.values()) if (!filter || filter(id as Id)) ids.push(id as Id);
  return {
    size: ids.length,
    ids: () => ids,
    top: (k = ids.length) => ids.slice(0, k).map((id) => ({ id, score: 1 })),
    termsOf: () => [],
  };
}

/** Index terms within `maxDistance` edits of `term`, closest first, then the most widely used. */
export function closeIndexTerms(
  index: MiniSearch<never> | MiniSearch<unknown>,
  term: string,
  maxDistance: number,
): string[] {
  const ix = internals(index);
  const fields = ix._options.fields;
  return [...ix._index.fuzzyGet(term, maxDistance)]
    .map(([t, [, distance]]) => ({ t, distance, df: documentFrequency(index, t, fields) }))
    .filter((c) => c.df > 0)
    .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.t < b.t ? -1 : 1))
    .map((c) => c.t);
}
