// Everything search keeps in memory, and the one way results are selected from
// it: the query, topic filters, phrases, and the listing order. The index is a
// compact segment (lib/search/segment.ts) plus a MiniSearch "delta" of papers
// added or changed since the segment was made; compact() folds the delta in.
// Pure (no database): lib/search/service.ts fills it from the catalog and saves
// and loads it, the evaluation (scripts/eval.ts) fills it from the bundled sample.
import { cmp } from "@/lib/compare";
import type { Sort } from "@/lib/listing-params";
import {
  createIndex,
  phraseText,
  runSearch,
  toSearchDoc,
  type MatchMode,
  type SearchDoc,
  type SearchHit,
} from "@/lib/search/index";
import { documentCount, segmentContaining, type SearchIndex } from "@/lib/search/engine";
import type { ParsedQuery } from "@/lib/search/query";
import { mergeSegment, retire, termNumber, type Segment } from "@/lib/search/segment";
import { noteSurfaces, SegmentBuilder } from "@/lib/search/builder";
import { TopicBits } from "@/lib/search/topic-bits";

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
  index: SearchIndex & { delta: ReturnType<typeof createIndex> };
  keys: Map<number, PaperKeys>;
  /** The same papers' topics as bit masks, for filtering and counting many results fast. */
  topicBits: TopicBits;
  /** The folded words of each paper in the delta, for phrase matching (the segment keeps its own). */
  texts: Map<number, string>;
  /** A word as written for index terms of the delta (stems are not for showing; the segment keeps its own). */
  surface: Map<string, string>;
  /** Each paper's position in each listing order, computed when first needed after a change. */
  orders: Orders | null;
};

/** Every paper's id in each listing order. */
type Orders = Record<Exclude<Sort, "relevance">, number[]>;

export function createState(segment: Segment | null = null, keys = new Map<number, PaperKeys>()): SearchState {
  const topicBits = new TopicBits();
  for (const [id, k] of keys) topicBits.set(id, k.topics);
  return {
    index: { segment, delta: createIndex() },
    keys,
    topicBits,
    texts: new Map(),
    surface: new Map(),
    orders: null,
  };
}

/** What the state keeps of a paper besides its index entry. */
function keysOf({ slug, title, lastFeedDate, lastRank, newestOn, sortTitle, topics }: PaperKeys): PaperKeys {
  return { slug, title, lastFeedDate, lastRank, newestOn, sortTitle, topics };
}

/**
 * A whole state made at once, its papers straight into a segment (a first start
 * without a saved index): what putPaper for each and one compact() would give.
 */
export class StateBuilder {
  private readonly segment = new SegmentBuilder();
  private readonly keys = new Map<number, PaperKeys>();

  add(paper: StatePaper) {
    this.segment.add(paper);
    this.keys.set(paper.id, keysOf(paper));
  }

  get size(): number {
    return this.segment.size;
  }

  build(): SearchState {
    return createState(this.segment.build(), this.keys);
  }
}

/** Adds a paper to the state, or replaces it when it is there already. */
export function putPaper(state: SearchState, paper: StatePaper) {
  const doc = toSearchDoc(paper);
  const text = phraseText(paper);
  const { delta, segment } = state.index;
  if (segment) retire(segment, paper.id);
  if (delta.has(paper.id)) delta.replace(doc);
  else delta.add(doc);
  state.orders = null;
  // Words to show for index terms, from what suggestions complete: titles, acronyms, topic names.
  noteSurfaces(state.surface, doc);
  state.keys.set(paper.id, keysOf(paper));
  state.topicBits.set(paper.id, paper.topics);
  state.texts.set(paper.id, text);
}

/** Drops a paper that left the catalog. */
export function removePaper(state: SearchState, id: number) {
  const { delta, segment } = state.index;
  if (segment) retire(segment, id);
  if (delta.has(id)) delta.discard(id);
  state.keys.delete(id);
  state.topicBits.clear(id);
  state.texts.delete(id);
  state.orders = null;
}

/** How many papers the index holds. */
export const paperCount = (state: SearchState) => documentCount(state.index);

/** A word to show for an index term: as a title, acronym or topic name writes it, else the term itself. */
export function surfaceOf(state: SearchState, term: string): string {
  const fromDelta = state.surface.get(term);
  if (fromDelta !== undefined) return fromDelta;
  const segment = state.index.segment;
  const n = segment ? termNumber(segment, term) : -1;
  return (n >= 0 && segment!.surface[n]) || term;
}

/** Papers in the delta that trigger folding it into a new segment (the service then saves it). */
export const COMPACT_AT = 2000;

/**
 * Folds the delta into a new segment, so the delta starts empty again: cheap
 * (typed-array copies, no re-indexing), and what keeps memory and start-up
 * time low as papers arrive.
 */
export function compact(state: SearchState) {
  const { segment, delta } = state.index;
  const merged = mergeSegment(
    segment,
    delta,
    (id) => state.texts.get(id) ?? "",
    (term) => state.surface.get(term),
  );
  state.index = { segment: merged, delta: createIndex() };
  state.texts = new Map();
  state.surface = new Map();
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

/** Every paper in each listing order (sorting the whole catalog once per change, not each result list). */
function ordersOf(state: SearchState): Orders {
  if (state.orders) return state.orders;
  const all = [...state.keys].map(([id, keys]) => ({ id, ...keys }));
  const ordered = (order: Exclude<Sort, "relevance">) => [...all].sort(COMPARE[order]).map((k) => k.id);
  state.orders = { trending: ordered("trending"), newest: ordered("newest"), title: ordered("title") };
  return state.orders;
}

/** Below this many results, sorting them directly is cheaper than consulting the catalog-wide orders. */
export const DIRECT_SORT_LIMIT = 2000;

/** The results of a query: how many, all their ids, and any page of them in the requested order. */
export type Selection = {
  mode: MatchMode;
  /** False for a query of filters only: nothing to rank by. */
  ranked: boolean;
  size: number;
  /** Every result's id, in no particular order. */
  ids(): number[];
  /** Results `start` to `end` (exclusive) in order, with the index terms each matched. */
  slice(start: number, end: number): SearchHit[];
};

/**
 * The papers a parsed query selects (its topics as filters, and `allow` when
 * given), in the requested order. A query of filters only has no relevance, so
 * it is listed by trending.
 */
export function selectHits(
  state: SearchState,
  parsed: ParsedQuery,
  sort: Sort,
  allow?: (id: number) => boolean,
): Selection {
  // A topic outside the taxonomy has no bit and no paper: nothing matches it.
  const required = TopicBits.maskOf(parsed.topics);
  const inTopics = !parsed.topics.length
    ? undefined
    : parsed.topics.every(TopicBits.knows)
      ? (id: number) => state.topicBits.hasAll(id, required)
      : () => false;
  const allowed = inTopics && allow ? (id: number) => inTopics(id) && allow(id) : (inTopics ?? allow);
  const { matches, mode, ranked } = runSearch(state.index, parsed, {
    allow: allowed,
    containing: (needle) => {
      const inSegment = segmentContaining(state.index, needle);
      return (id) => {
        const text = state.texts.get(id);
        return text !== undefined ? text.includes(needle) : inSegment(id);
      };
    },
  });
  const order = sort === "relevance" && !ranked ? "trending" : sort;
  const hit = (id: number, score: number): SearchHit => ({ id, score, terms: matches.termsOf(id) });
  let sorted: number[] | null = null;
  const sortedIds = (): number[] => {
    if (sorted || order === "relevance") return sorted ?? [];
    const ids = matches.ids();
    if (ids.length <= DIRECT_SORT_LIMIT) {
      const keyed = ids.map((id) => ({ id, ...state.keys.get(id)! }));
      sorted = keyed.sort(COMPARE[order]).map((k) => k.id);
    } else {
      // Walk the catalog in order and keep the results: linear, where sorting them would cost n log n lookups.
      let max = 0;
      for (const id of ids) if (id > max) max = id;
      const member = new Uint8Array(max + 1);
      for (const id of ids) member[id] = 1;
      sorted = ordersOf(state)[order].filter((id) => member[id] === 1);
    }
    return sorted;
  };
  return {
    mode,
    ranked,
    size: matches.size,
    ids: () => matches.ids(),
    slice: (start, end) => {
      if (order === "relevance")
        return matches
          .top(end)
          .slice(start)
          .map(({ id, score }) => hit(id, score));
      return sortedIds()
        .slice(start, end)
        .map((id) => hit(id, 1));
    },
  };
}

/** Every result of a selection, in order (for small selections: a shelf, a digest, tests). */
export const allHits = (selection: Selection): SearchHit[] => selection.slice(0, selection.size);

/** How many of the papers are in each topic. */
export const topicCounts = (state: SearchState, ids: number[]): Map<string, number> => state.topicBits.count(ids);
