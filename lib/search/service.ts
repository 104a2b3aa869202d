// The search index's lifecycle in the server process: built from the catalog at
// start (instrumentation.ts) or on the first search, then kept in step with it.
// At most once a second, a search asks the catalog for a cheap stamp (paper
// count and latest update); when it moved (an ingest or re-tag ran in another
// process), only the papers updated since the last sync are re-indexed.
// Requests never rebuild the index themselves.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { parseJsonArray } from "@/lib/json";
import { createState, putPaper, type SearchState } from "@/lib/search/state";

/** How stale the index may be before a search checks the catalog again. */
export const REFRESH_INTERVAL_MS = 1000;
/** Papers read from the catalog at a time while building. */
const BUILD_CHUNK = 1000;
/** Papers indexed between two yields to pending requests (about 0.1 s of work). */
const YIELD_EVERY = 200;

/** The search state with what it takes to keep it in step with the catalog. */
export type SyncedState = SearchState & {
  /** Count and latest updatedAt of the catalog when last synced. */
  stamp: string;
  syncedUpTo: Date | null;
  checkedAt: number;
};

const indexedColumns = {
  id: true,
  slug: true,
  title: true,
  abstract: true,
  keyPhrases: true,
  lastFeedDate: true,
  lastRank: true,
  newestOn: true,
  sortTitle: true,
  updatedAt: true,
  topics: { select: { topic: true }, orderBy: { position: "asc" } },
} as const;

type IndexedRow = {
  id: number;
  slug: string;
  title: string;
  abstract: string;
  keyPhrases: string;
  lastFeedDate: string;
  lastRank: number;
  newestOn: string;
  sortTitle: string;
  updatedAt: Date;
  topics: { topic: string }[];
};

const holder = globalThis as unknown as { papershelfSearch?: { state?: SyncedState; pending?: Promise<SyncedState> } };

async function catalogStamp(): Promise<{ stamp: string; count: number; latest: Date | null }> {
  const agg = await getPrisma().paper.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
  const latest = agg._max.updatedAt;
  return { stamp: `${agg._count._all}@${latest?.toISOString() ?? "-"}`, count: agg._count._all, latest };
}

function put(state: SearchState, row: IndexedRow) {
  putPaper(state, {
    ...row,
    keyPhrases: parseJsonArray<string>(row.keyPhrases),
    topics: row.topics.map((t) => t.topic),
  });
}

const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

async function build(): Promise<SyncedState> {
  const { stamp, latest } = await catalogStamp();
  const state = createState();
  // Read and index in small chunks, yielding in between, so pages keep being
  // served while a large catalog is indexed (40,000 papers take tens of seconds).
  for (let after = 0, n = 0; ;) {
    const rows: IndexedRow[] = await getPrisma().paper.findMany({
      select: indexedColumns,
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: BUILD_CHUNK,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      put(state, row);
      if (++n % YIELD_EVERY === 0) await yieldToRequests();
    }
    after = rows.at(-1)!.id;
  }
  return { ...state, stamp, syncedUpTo: latest, checkedAt: Date.now() };
}

/** Re-indexes what changed since the last sync; rebuilds when papers disappeared. */
async function refresh(state: SyncedState): Promise<SyncedState> {
  const current = await catalogStamp();
  if (current.stamp === state.stamp) return { ...state, checkedAt: Date.now() };
  const changed: IndexedRow[] = await getPrisma().paper.findMany({
    select: indexedColumns,
    where: state.syncedUpTo ? { updatedAt: { gte: state.syncedUpTo } } : {},
  });
  for (const row of changed) put(state, row);
  if (state.index.documentCount !== current.count) return build();
  return { ...state, stamp: current.stamp, syncedUpTo: current.latest, checkedAt: Date.now() };
}

/**
 * The current index, built on first use and refreshed when the catalog changed.
 * Concurrent callers share one build or refresh.
 */
export async function getSearchState(): Promise<SyncedState> {
  const h = (holder.papershelfSearch ??= {});
  if (h.pending) return h.pending;
  const state = h.state;
  if (state && Date.now() - state.checkedAt < REFRESH_INTERVAL_MS) return state;
  h.pending = (state ? refresh(state) : build())
    .then((next) => (h.state = next))
    .finally(() => (h.pending = undefined));
  return h.pending;
}
