// Runs MiniSearch queries over the search index (a compact segment plus a
// MiniSearch "delta" of recent papers, see lib/search/segment.ts), scoring
// exactly as one MiniSearch holding every paper would (BM25+, field and term
// boosts, prefix and fuzzy weights, AND/OR trees, the "matched query terms"
// multiplier), but lean enough for a 100,000-paper catalog.
//
// Why not index.search: it builds one result object per matching document (with
// its matched terms and fields), filters, and sorts every match. A common word
// matches tens of thousands of papers at that size, so that bookkeeping, not the
// scoring, costs 30-250 ms per query. Here scores accumulate in typed arrays
// indexed by document number, only the top k are sorted, and the terms a result
// matched are looked up for the few results shown.
//
// It reads MiniSearch's internal fields (the radix tree of postings, field
// lengths, document ids). They are stable within minisearch 7.x, which
// package.json pins; tests/unit/search-engine.test.ts compares every query shape
// the app uses against MiniSearch's own search, so an upgrade that changes them fails there.
import type MiniSearch from "minisearch";
import type { Query, SearchOptions } from "minisearch";
import { fuzzyTerms, prefixRange, segmentTextContains, termNumber, type Segment } from "@/lib/search/segment";

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

/** The whole index: the segment (null before the first one is made) and the delta. */
export type SearchIndex = { segment: Segment | null; delta: MiniSearch<never> | MiniSearch<unknown> };

const internals = (index: SearchIndex["delta"]) => index as unknown as Internals;

const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };
const DEFAULT_BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const DEFAULT_MAX_FUZZY = 6;

/**
 * The delta's per-document data in dense arrays by short id: field lengths
 * (field-major) and external ids, undefined for removed documents. MiniSearch
 * keeps these in Maps of arrays, and looking them up per posting costs more than
 * scoring it (cache misses over a large heap). Rebuilt after any change: every
 * add takes a new short id and every removal lowers the document count, so the
 * pair identifies a version.
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

/**
 * One index term a query term expanded to (itself, a prefix completion or a
 * close spelling), with its weight and its postings in the segment (a term
 * number, or -1) and in the delta.
 */
type Expansion = {
  source: number;
  term: string;
  weight: number;
  termBoost: number;
  seg: number;
  delta?: FieldTermData;
};

/**
 * Scores per document for one (sub)query: dense arrays over document numbers
 * (the segment's, then the delta's short ids after them), plus the list of
 * documents present. `terms` is a bit set of the distinct query terms a document
 * matched (MiniSearch multiplies the final score by their number).
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

/** What one search needs while it runs: both parts, their sizes, and the terms the query expanded to. */
type Run = {
  ix: Internals;
  seg: Segment | null;
  /** Documents in the segment: delta short ids start after them. */
  base: number;
  table: DocTable;
  capacity: number;
  /** Live documents in both parts (BM25's N). */
  documentCount: number;
  bits: TermBits;
  expansions: Expansion[];
};

function startRun(index: SearchIndex): Run {
  const ix = internals(index.delta);
  const seg = index.segment;
  const base = seg?.docCount ?? 0;
  return {
    ix,
    seg,
    base,
    table: docTable(ix),
    capacity: base + ix._nextId,
    documentCount: (seg?.aliveCount ?? 0) + ix._documentCount,
    bits: new TermBits(),
    expansions: [],
  };
}

function withDefaults(ix: Internals, options: SearchOptions): Options {
  return {
    ...ix._options.searchOptions,
    ...options,
    weights: { ...DEFAULT_WEIGHTS, ...ix._options.searchOptions.weights, ...options.weights },
    bm25: options.bm25 ?? ix._options.searchOptions.bm25 ?? DEFAULT_BM25,
    maxFuzzy: options.maxFuzzy ?? ix._options.searchOptions.maxFuzzy ?? DEFAULT_MAX_FUZZY,
  } as Options;
}

/** A field's average length over both parts, as MiniSearch's running average over every document would be. */
function averageLength(run: Run, field: string): number {
  const deltaId = run.ix._fieldIds[field]!;
  const deltaCount = run.ix._documentCount;
  const deltaTotal = (run.ix._avgFieldLength[deltaId] ?? 0) * deltaCount;
  if (!run.seg) return run.ix._avgFieldLength[deltaId] ?? 0;
  const segTotal = run.seg.totalLength[run.seg.fields.indexOf(field)] ?? 0;
  return run.documentCount ? (segTotal + deltaTotal) / run.documentCount : 0;
}

/** Adds the BM25+ contributions of one index term's postings in both parts, as MiniSearch's termResults does. */
function scoreTerm(run: Run, out: Scores, exp: Expansion, options: Options) {
  const { ix, seg } = run;
  const { k, b, d } = options.bm25;
  const fields = options.fields ?? ix._options.fields;
  const sourceBit = exp.source;
  const k1 = k + 1;
  for (const field of fields) {
    const fieldId = ix._fieldIds[field];
    if (fieldId === undefined) continue;
    const segField = seg && exp.seg >= 0 ? seg.fields.indexOf(field) : -1;
    const segStart = segField >= 0 ? seg!.postStart[exp.seg * seg!.fields.length + segField]! : 0;
    const segEnd = segField >= 0 ? seg!.postStart[exp.seg * seg!.fields.length + segField + 1]! : 0;
    const postings = exp.delta?.get(fieldId);
    const matching = segEnd - segStart + (postings?.size ?? 0);
    if (matching === 0) continue;
    const boost = (options.boost as Record<string, number> | undefined)?.[field] || 1;
    const n = run.documentCount;
    const idf = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
    const avg = averageLength(run, field);
    const factor = exp.weight * exp.termBoost * boost * idf;
    if (segEnd > segStart) {
      const { postDocs, postTf, lengths, alive, docCount } = seg!;
      const offset = segField * docCount;
      for (let i = segStart; i < segEnd; i++) {
        const doc = postDocs[i]!;
        if (!alive[doc]) continue; // replaced by a newer version in the delta, or removed
        const tf = postTf[i]!;
        out.add(doc, factor * (d + (tf * k1) / (tf + k * (1 - b + (b * lengths[offset + doc]!) / avg))), sourceBit);
      }
    }
    if (postings) {
      const { lengths, ids } = run.table;
      const offset = fieldId * ix._nextId;
      const base = run.base;
      // forEach, not for-of: no [key, value] array per posting, which matters at tens of thousands of postings.
      postings.forEach((tf, doc) => {
        if (ids[doc] === undefined) return; // removed from the delta (its postings go at the next vacuum)
        const score = factor * (d + (tf * k1) / (tf + k * (1 - b + (b * lengths[offset + doc]!) / avg)));
        out.add(base + doc, score, sourceBit);
      });
    }
  }
}

/** The index terms a query term expands to in both parts: itself, completions of it, close spellings. */
function expand(run: Run, term: string, prefix: boolean, maxDistance: number) {
  const found = new Map<
    string,
    { distance: number; kind: "exact" | "prefix" | "fuzzy"; seg: number; delta?: FieldTermData }
  >();
  const at = (t: string, kind: "exact" | "prefix" | "fuzzy", distance: number) => {
    let e = found.get(t);
    if (!e) found.set(t, (e = { distance, kind, seg: -1 }));
    return e;
  };
  const { seg, ix } = run;
  if (seg) {
    const n = termNumber(seg, term);
    if (n >= 0) at(term, "exact", 0).seg = n;
  }
  const exact = ix._index.get(term);
  if (exact) at(term, "exact", 0).delta = exact;
  // As in MiniSearch, a term that is both a completion and a close spelling counts as a completion.
  if (prefix) {
    if (seg) {
      const [s, e] = prefixRange(seg, term);
      for (let i = s; i < e; i++)
        if (seg.terms[i] !== term) at(seg.terms[i]!, "prefix", seg.terms[i]!.length - term.length).seg = i;
    }
    for (const [t, data] of ix._index.atPrefix(term))
      if (t !== term) at(t, "prefix", t.length - term.length).delta = data;
  }
  if (maxDistance) {
    if (seg) {
      for (const [t, n, distance] of fuzzyTerms(seg, term, maxDistance)) {
        if (distance && !found.has(t)) at(t, "fuzzy", distance).seg = n;
        else if (distance && found.get(t)!.kind === "fuzzy") found.get(t)!.seg = n;
      }
    }
    for (const [t, [data, distance]] of ix._index.fuzzyGet(term, maxDistance)) {
      if (distance && !found.has(t)) at(t, "fuzzy", distance).delta = data;
      else if (distance && found.get(t)!.kind === "fuzzy") found.get(t)!.delta = data;
    }
  }
  return found;
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
    let maxDistance = 0;
    if (fuzzy) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      maxDistance = f < 1 ? Math.min(options.maxFuzzy, Math.round(term.length * f)) : f;
    }
    const source = run.bits.of(term);
    const out = new Scores(run.capacity);
    for (const [derived, e] of expand(run, term, prefix, maxDistance)) {
      const weight =
        e.kind === "exact"
          ? 1
          : e.kind === "prefix"
            ? (options.weights.prefix * derived.length) / (derived.length + 0.3 * e.distance)
            : (options.weights.fuzzy * derived.length) / (derived.length + e.distance);
      const exp: Expansion = { source, term: derived, weight, termBoost, seg: e.seg, delta: e.delta };
      run.expansions.push(exp);
      scoreTerm(run, out, exp, options);
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

/** The external id of a document number, undefined when it is gone. */
function idOf(run: Run, doc: number): unknown {
  if (doc < run.base) return run.seg!.alive[doc] ? run.seg!.ids[doc] : undefined;
  return run.table.ids[doc - run.base];
}

/** The document number of a live external id, or undefined. */
function docOf(run: Run, id: unknown): number | undefined {
  const short = run.ix._idToShortId.get(id);
  if (short !== undefined) return run.base + short;
  return run.seg?.docOf.get(id as number);
}

/** Whether a segment posting range (sorted by document) holds `doc`. */
function rangeHas(docs: Uint32Array, start: number, end: number, doc: number): boolean {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && docs[lo] === doc;
}

/** Whether an expansion's postings (any field) hold `doc`. */
function expansionHas(run: Run, exp: Expansion, doc: number): boolean {
  if (doc < run.base) {
    if (exp.seg < 0) return false;
    const { postStart, postDocs, fields } = run.seg!;
    const F = fields.length;
    for (let f = 0; f < F; f++) {
      if (rangeHas(postDocs, postStart[exp.seg * F + f]!, postStart[exp.seg * F + f + 1]!, doc)) return true;
    }
    return false;
  }
  if (!exp.delta) return false;
  for (const postings of exp.delta.values()) if (postings.has(doc - run.base)) return true;
  return false;
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
 * Runs `query` as `search(query, options)` on one MiniSearch holding every
 * paper would, and returns its matches. `filter` sees document ids (MiniSearch's
 * sees whole results).
 */
export function searchIndex<Id = number>(
  index: SearchIndex,
  query: Query,
  options: SearchOptions = {},
  filter?: (id: Id) => boolean,
): Matches<Id> {
  const run = startRun(index);
  const scores = runQuery(run, query, withDefaults(run.ix, options));
  const ids: Id[] = [];
  const finals: number[] = [];
  for (let i = 0; i < scores.size; i++) {
    const doc = scores.docs[i]!;
    const id = idOf(run, doc) as Id;
    if (id === undefined || (filter && !filter(id))) continue;
    ids.push(id);
    finals.push(scores.score[doc]! * (popcount(scores.terms[doc]!) || 1));
  }
  return {
    size: ids.length,
    ids: () => ids,
    top: (k = ids.length) => topK(finals, Math.min(k, ids.length)).map((i) => ({ id: ids[i]!, score: finals[i]! })),
    termsOf: (id) => {
      const doc = docOf(run, id);
      if (doc === undefined) return [];
      const terms: string[] = [];
      for (const exp of run.expansions)
        if (!terms.includes(exp.term) && expansionHas(run, exp, doc)) terms.push(exp.term);
      return terms;
    },
  };
}

/** Positions of the k largest scores, best first (ties: earlier position first, as a stable sort would). */
function topK(scores: number[], k: number): number[] {
  if (k <= 0) return [];
  const order = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
  if (k * 8 >= scores.length) return Array.from(scores.keys()).sort(order).slice(0, k);
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
      for (let j = heap.length - 1; j > 0;) {
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

/** Whether either part has `term` (an index term, already processed). */
export function hasIndexTerm(index: SearchIndex, term: string): boolean {
  return (index.segment !== null && termNumber(index.segment, term) >= 0) || internals(index.delta)._index.has(term);
}

/**
 * About how many documents have `term` (an index term) in any of `fields`: the
 * largest of its per-field counts. Exact counts would need the union of the
 * postings, which for a common word means tens of thousands of documents, and
 * related papers ask for a few hundred terms per page; for idf weights the
 * largest field (the abstract, which repeats the title's words) is close enough.
 */
export function documentFrequency(index: SearchIndex, term: string, fields: string[]): number {
  const ix = internals(index.delta);
  const seg = index.segment;
  const n = seg ? termNumber(seg, term) : -1;
  const data = ix._index.get(term);
  let best = 0;
  for (const field of fields) {
    let count = data?.get(ix._fieldIds[field]!)?.size ?? 0;
    if (seg && n >= 0) {
      const f = seg.fields.indexOf(field);
      const F = seg.fields.length;
      count += seg.postStart[n * F + f + 1]! - seg.postStart[n * F + f]!;
    }
    best = Math.max(best, count);
  }
  return best;
}

/** Every document `filter` allows, unranked (score 1), in the order they were indexed: a query of filters only. */
export function allDocuments<Id = number>(index: SearchIndex, filter?: (id: Id) => boolean): Matches<Id> {
  const run = startRun(index);
  const ids: Id[] = [];
  for (let doc = 0; doc < run.capacity; doc++) {
    const id = idOf(run, doc) as Id;
    if (id !== undefined && (!filter || filter(id))) ids.push(id);
  }
  return {
    size: ids.length,
    ids: () => ids,
    top: (k = ids.length) => ids.slice(0, k).map((id) => ({ id, score: 1 })),
    termsOf: () => [],
  };
}

/** Index terms within `maxDistance` edits of `term`, closest first, then the most widely used. */
export function closeIndexTerms(index: SearchIndex, term: string, maxDistance: number): string[] {
  const run = startRun(index);
  const fields = run.ix._options.fields;
  return [...expand(run, term, false, maxDistance)]
    .map(([t, e]) => ({ t, distance: e.distance, df: documentFrequency(index, t, fields) }))
    .filter((c) => c.df > 0)
    .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.t < b.t ? -1 : 1))
    .map((c) => c.t);
}

/** The number of live documents in the index. */
export function documentCount(index: SearchIndex): number {
  return (index.segment?.aliveCount ?? 0) + internals(index.delta)._documentCount;
}

/** A test of whether a segment paper's phrase text contains `needle` (false for papers not in the segment). */
export function segmentContaining(index: SearchIndex, needle: string): (id: number) => boolean {
  const segment = index.segment;
  if (!segment) return () => false;
  const contains = segmentTextContains(segment, needle);
  return (id) => {
    const doc = segment.docOf.get(id);
    return doc !== undefined && contains(doc);
  };
}
