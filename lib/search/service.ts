// The search index's lifecycle in the server process: built from the catalog on
// the first search, then kept in step with it. At most once a second, a search
// asks the catalog for a cheap stamp (paper count and latest update); when it
// moved (an ingest ran in another process), only the papers updated since the
// last sync are re-indexed. Requests never rebuild the index themselves.
import "server-only";
import type MiniSearch from "minisearch";
import { getPrisma } from "@/lib/db/client";
import { createIndex, toSearchDoc, type SearchDoc } from "@/lib/search/index";

/** How stale the index may be before a search checks the catalog again. */
export const REFRESH_INTERVAL_MS = 1000;
/** Papers read from the catalog at a time while building. */
const BUILD_CHUNK = 1000;
/** Papers indexed between two yields to pending requests (about 0.1 s of work). */
const YIELD_EVERY = 250;

/** What sorting search results needs, kept beside the index so no query goes to the database. */
export type SortKeys = { lastFeedDate: string; lastRank: number; newestOn: string; sortTitle: string };

export type SearchState = {
  index: MiniSearch<SearchDoc>;
  keys: Map<number, SortKeys>;
  /** Count and latest updatedAt of the catalog when last synced. */
  stamp: string;
  syncedUpTo: Date | null;
  checkedAt: number;
};

const indexedColumns = {
  id: true,
  title: true,
  abstract: true,
  lastFeedDate: true,
  lastRank: true,
  newestOn: true,
  sortTitle: true,
  updatedAt: true,
} as const;

const holder = globalThis as unknown as { papershelfSearch?: { state?: SearchState; pending?: Promise<SearchState> } };

async function catalogStamp(): Promise<{ stamp: string; count: number; latest: Date | null }> {
  const agg = await getPrisma().paper.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
  const latest = agg._max.updatedAt;
  return { stamp: `${agg._count._all}@${latest?.toISOString() ?? "-"}`, count: agg._count._all, latest };
}

type IndexedRow = { id: number; title: string; abstract: string } & SortKeys & { updatedAt: Date };

function keysOf(row: IndexedRow): SortKeys {
  return { lastFeedDate: row.lastFeedDate, lastRank: row.lastRank, newestOn: row.newestOn, sortTitle: row.sortTitle };
}

const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

async function build(): Promise<SearchState> {
  const { stamp, latest } = await catalogStamp();
  const index = createIndex();
  const keys = new Map<number, SortKeys>();
  // Read and index in small chunks, yielding in between, so pages keep being
  // served while a large catalog is indexed (40,000 papers take tens of seconds).
  for (let after = 0; ;) {
    const rows: IndexedRow[] = await getPrisma().paper.findMany({
      select: indexedColumns,
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: BUILD_CHUNK,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      index.add(toSearchDoc(row));
      keys.set(row.id, keysOf(row));
      if (keys.size % YIELD_EVERY === 0) await yieldToRequests();
    }
    after = rows.at(-1)!.id;
  }
  return { index, keys, stamp, syncedUpTo: latest, checkedAt: Date.now() };
}

/** Re-indexes what changed since the last sync; rebuilds when papers disappeared. */
async function refresh(state: SearchState): Promise<SearchState> {
  const current = await catalogStamp();
  if (current.stamp === state.stamp) return { ...state, checkedAt: Date.now() };
  const changed: IndexedRow[] = await getPrisma().paper.findMany({
    select: indexedColumns,
    where: state.syncedUpTo ? { updatedAt: { gte: state.syncedUpTo } } : {},
  });
  for (const row of changed) {
    const doc = toSearchDoc(row);
    if (state.index.has(row.id)) state.index.replace(doc);
    else state.index.add(doc);
    state.keys.set(row.id, keysOf(row));
  }
  if (state.index.documentCount !== current.count) return build();
  return { ...state, stamp: current.stamp, syncedUpTo: current.latest, checkedAt: Date.now() };
}

/**
 * The current index, built on first use and refreshed when the catalog changed.
 * Concurrent callers share one build or refresh.
 */
export async function getSearchState(): Promise<SearchState> {
  const h = (holder.papershelfSearch ??= {});
  if (h.pending) return h.pending;
  const state = h.state;
  if (state && Date.now() - state.checkedAt < REFRESH_INTERVAL_MS) return state;
  h.pending = (state ? refresh(state) : build())
    .then((next) => (h.state = next))
    .finally(() => (h.pending = undefined));
  return h.pending;
}
