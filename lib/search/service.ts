// The search index's lifecycle in the server process. At start (instrumentation.ts)
// or on the first search it loads the saved index (the segment file beside the
// database, see lib/search/segment.ts) and catches up with what changed in the
// catalog since it was saved; without a usable file it indexes the whole catalog
// once, straight into a segment (lib/search/builder.ts), and saves it. After
// that, at most once a second, a search asks the catalog for a cheap stamp
// (paper count and latest update); when it moved (an ingest or
// re-tag ran in another process), only the papers updated since the last sync
// are indexed, into the small MiniSearch delta, and papers that left are dropped.
// When the delta grows past COMPACT_AT papers it is folded into a new segment,
// which is saved. Requests never rebuild the index themselves.
import "server-only";
import fs from "node:fs";
import { getPrisma } from "@/lib/db/client";
import { catalogStamp } from "@/lib/db/stamp";
import { databaseFile } from "@/lib/db/url";
import { parseJsonArray } from "@/lib/json";
import { FIELD_BOOSTS } from "@/lib/search/index";
import { decodeSegment, segmentParts } from "@/lib/search/segment";
import {
  COMPACT_AT,
  compact,
  createState,
  paperCount,
  putPaper,
  removePaper,
  StateBuilder,
  type PaperKeys,
  type SearchState,
  type StatePaper,
} from "@/lib/search/state";

/** How stale the index may be before a search checks the catalog again. */
export const REFRESH_INTERVAL_MS = 1000;
/** Papers read from the catalog at a time while building. */
const BUILD_CHUNK = 500;
/** Papers indexed between two yields to pending requests (about 0.1 s of work). */
const YIELD_EVERY = 200;
/**
 * Bump when what is indexed changes (fields, tokenizing, tagging): a saved index
 * of another version is rebuilt instead of loaded.
 */
const INDEX_VERSION = `1:${Object.keys(FIELD_BOOSTS).join(",")}`;

/** The saved index, next to the catalog it indexes ("data/papershelf.db" → "data/papershelf.db.search"). */
export const indexFile = () => `${databaseFile()}.search`;

/** The search state with what it takes to keep it in step with the catalog. */
export type SyncedState = SearchState & {
  /** Count and latest updatedAt of the catalog when last synced. */
  stamp: string;
  syncedUpTo: Date | null;
  checkedAt: number;
};

/** What is saved with the segment: its version, how far it got, and each paper's listing keys. */
type SavedMeta = { version: string; stamp: string; syncedUpTo: string | null; keys: [number, PaperKeys][] };

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

/** A catalog row as the search state takes it. */
function paperOf(row: IndexedRow): StatePaper {
  return { ...row, keyPhrases: parseJsonArray<string>(row.keyPhrases), topics: row.topics.map((t) => t.topic) };
}

const put = (state: SearchState, row: IndexedRow) => putPaper(state, paperOf(row));

const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

/** Folds the delta into the segment and saves it. */
async function compactAndSave(state: SyncedState) {
  compact(state);
  await save(state);
}

/** Saves the segment (atomically: a crash leaves the old file or the new one); the delta is not saved. */
async function save(state: SyncedState) {
  const meta: SavedMeta = {
    version: INDEX_VERSION,
    stamp: state.stamp,
    syncedUpTo: state.syncedUpTo?.toISOString() ?? null,
    keys: [...state.keys],
  };
  const file = indexFile();
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await fs.promises.open(tmp, "w");
    try {
      for (const part of segmentParts(state.index.segment!, meta)) await handle.writeFile(part);
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (error) {
    // Not fatal: the index in memory is fine; the next start rebuilds or catches up.
    await fs.promises.rm(tmp, { force: true });
    console.error(`papershelf: could not save the search index to ${file}:`, (error as Error).message);
  }
}

/** The saved index, when there is one of this version; null otherwise (reported, not thrown). */
async function load(): Promise<SyncedState | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(indexFile());
  } catch {
    return null;
  }
  try {
    const { segment, meta } = decodeSegment(bytes);
    const saved = meta as SavedMeta;
    if (saved.version !== INDEX_VERSION) return null;
    const state = createState(segment, new Map(saved.keys));
    return {
      ...state,
      stamp: saved.stamp,
      syncedUpTo: saved.syncedUpTo ? new Date(saved.syncedUpTo) : null,
      checkedAt: 0,
    };
  } catch (error) {
    console.error(`papershelf: ignoring the saved search index (${(error as Error).message}); rebuilding it`);
    return null;
  }
}

/**
 * The catalog's papers matching `where`, BUILD_CHUNK at a time in id order.
 * Chunks, not one query: Prisma loads each row's topics with one bound
 * parameter per paper, and SQLite refuses more than a few thousand.
 */
async function* readPapers(where: { updatedAt?: { gte: Date }; id?: { in: number[] } } = {}) {
  for (let after = 0; ;) {
    const rows: IndexedRow[] = await getPrisma().paper.findMany({
      select: indexedColumns,
      where: { ...where, id: { ...where.id, gt: after } },
      orderBy: { id: "asc" },
      take: BUILD_CHUNK,
    });
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

/**
 * Indexes the whole catalog straight into a segment (lib/search/builder.ts) and
 * saves it. Reads and indexes in small chunks, yielding in between, so pages keep
 * being served while a large catalog is indexed (100,000 papers take most of a minute).
 */
async function buildFromCatalog(): Promise<SyncedState> {
  const { stamp, latest } = await catalogStamp();
  const state: SyncedState = { ...(await buildState()), stamp, syncedUpTo: latest, checkedAt: Date.now() };
  await save(state);
  return state;
}

/** Every paper of the catalog in a new state. The builder and its buffers are garbage once this returns. */
async function buildState(): Promise<SearchState> {
  const builder = new StateBuilder();
  for await (const rows of readPapers()) {
    for (const row of rows) {
      builder.add(paperOf(row));
      if (builder.size % YIELD_EVERY === 0) await yieldToRequests();
    }
  }
  return builder.build();
}

/** Brings the index up to date with the catalog: changed papers re-indexed, papers that left dropped. */
async function catchUp(state: SyncedState): Promise<SyncedState> {
  const current = await catalogStamp();
  if (current.stamp === state.stamp) {
    state.checkedAt = Date.now();
    return state;
  }
  let n = 0;
  for await (const rows of readPapers(state.syncedUpTo ? { updatedAt: { gte: state.syncedUpTo } } : {})) {
    for (const row of rows) {
      put(state, row);
      if (++n % YIELD_EVERY === 0) await yieldToRequests();
    }
  }
  if (paperCount(state) !== current.count) {
    // Papers were deleted (or the saved index missed some): compare ids, the cheap way.
    const ids = new Set((await getPrisma().paper.findMany({ select: { id: true } })).map((r) => r.id));
    for (const id of [...state.keys.keys()]) if (!ids.has(id)) removePaper(state, id);
    const missing = [...ids].filter((id) => !state.keys.has(id));
    for (let i = 0; i < missing.length; i += BUILD_CHUNK) {
      for await (const rows of readPapers({ id: { in: missing.slice(i, i + BUILD_CHUNK) } })) {
        for (const row of rows) put(state, row);
      }
    }
  }
  state.stamp = current.stamp;
  state.syncedUpTo = current.latest;
  state.checkedAt = Date.now();
  if (state.index.delta.documentCount >= COMPACT_AT) await compactAndSave(state);
  return state;
}

/** At start: the saved index brought up to date, or the catalog indexed from scratch. */
async function start(): Promise<SyncedState> {
  const loaded = await load();
  return loaded ? catchUp(loaded) : buildFromCatalog();
}

/** How long a search waits for a catch-up before it answers from the index as it is. */
const CATCH_UP_WAIT_MS = 100;

/**
 * The current index, loaded or built on first use (callers wait for that) and
 * kept in step with the catalog. Concurrent callers share one load, build or
 * catch-up. A catch-up of a few papers is waited for, so a search right after
 * an ingest sees it; a long one (a large ingest) is not: callers get the index
 * as it is meanwhile, so an ingest never holds searches and pages up. The
 * catch-up yields between chunks and leaves the state consistent at every yield.
 */
export async function getSearchState(): Promise<SyncedState> {
  const h = (holder.papershelfSearch ??= {});
  const state = h.state;
  if (!h.pending && (!state || Date.now() - state.checkedAt >= REFRESH_INTERVAL_MS)) {
    h.pending = (state ? catchUp(state) : start())
      .then((next) => (h.state = next))
      .finally(() => (h.pending = undefined));
  }
  if (!h.pending) return state!;
  if (!state) return h.pending;
  const current = state;
  const waited = new Promise<SyncedState>((resolve) => setTimeout(() => resolve(current), CATCH_UP_WAIT_MS).unref());
  return Promise.race([h.pending, waited]);
}

/** Drops the index from memory, as a restart would (for tests; the saved file stays). */
export function forgetSearchState() {
  holder.papershelfSearch = undefined;
}
