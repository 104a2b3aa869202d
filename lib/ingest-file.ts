// Ingests one feed end to end, from a file or a URL: read or download, parse,
// validate, write, and record the run, failed or not. Shared by `npm run ingest`,
// `npm run refresh` and `npm start`'s first-run seed.
//
// A feed is only read when this process has the memory to ingest it
// (lib/feed/limits.ts): a file too large for the heap is refused before it is
// read, and the bytes of a file or download are checked again for how many
// pieces they hold before they are parsed. Running out of heap is not an error
// Node lets anyone catch: the process dies with a page of diagnostics.
import fs from "node:fs";
import v8 from "node:v8";
import { localDay } from "@/lib/feed/dates";
import { FeedError } from "@/lib/feed/errors";
import { readFeed } from "@/lib/feed/index";
import { checkFeedSize, countPieces, formatBytes, HEAP_PER_BYTE, MAX_FEED_BYTES } from "@/lib/feed/limits";
import type { FeedSource } from "@/lib/feed/schema";
import { fetchFeed, type FetchOptions } from "@/lib/net/fetch-feed";
import type { Db } from "@/lib/db/sqlite";
import { ingestRecords, recordFailedRun, type IngestSummary } from "@/lib/ingest";

/** The sample feed shipped with Papershelf; `npm start` loads it into an empty catalog. */
export const SAMPLE_FEED = "prisma/seed/trending-papers.txt";

export type IngestFileOptions = {
  /** "YYYY-MM-DD": the feed's day, overriding the page's date line. */
  date?: string;
  /** "YYYY-MM-DD": today, for year-less dates; defaults to the machine's local day. */
  today?: string;
  /** Called before writing, with the number of valid records (for a progress bar). */
  onStart?: (total: number) => void;
  onProgress?: (done: number, total: number) => void;
};

/** The heap this process has left, and what it uses: what a feed may take. */
export function heapRoom(): { free: number; used: number } {
  const heap = v8.getHeapStatistics();
  return { free: heap.total_available_size, used: heap.used_heap_size };
}

/**
 * Reads a feed file, or throws FeedError with a reason a user can act on. A file
 * larger than this process can ingest (see checkFeedSize) is refused unread; a
 * pipe or device (`<(curl …)`, /dev/stdin) is read only up to that size.
 */
export function readFeedFile(file: string, heap = heapRoom()): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new FeedError(describeFsError(error));
  }
  if (stat.isDirectory()) throw new FeedError("it is a directory, not a feed file");
  try {
    if (stat.isFile()) {
      checkFeedSize(stat.size, heap);
      return fs.readFileSync(file);
    }
    return readUpTo(file, Math.min(MAX_FEED_BYTES, Math.floor(heap.free / HEAP_PER_BYTE)));
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError(describeFsError(error));
  }
}

/** Reads a file without a size (a pipe, a device) to its end, refusing it once it passes `limit` bytes. */
function readUpTo(file: string, limit: number): Uint8Array {
  const fd = fs.openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, read));
      total += read;
      // /dev/zero and /dev/urandom never end: without a limit this reads until memory runs out.
      if (total > limit) {
        throw new FeedError(
          `it is not a regular file and does not end within ${formatBytes(limit)}, the most this process reads as a feed`,
        );
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied (the file is not readable)";
  if (code === "EISDIR") return "it is a directory, not a feed file";
  return `cannot be read (${code ?? (error as Error).message})`;
}

/** A feed named on the command line: an http(s) URL or a file path. */
export const isUrl = (target: string) => /^https?:\/\//i.test(target);

export type IngestBytesInput = IngestFileOptions & {
  /** The file or URL, as the user named it: recorded with the run and shown in messages. */
  source: string;
  /** The format, when named; detected from the content otherwise. */
  format?: FeedSource;
  /** Fail on a feed with no papers; refresh passes false and gets null back instead. */
  requirePapers?: boolean;
};

/**
 * Ingests a feed's bytes into `db`. On failure the catalog is unchanged, the
 * failed run is recorded, and the error is rethrown (FeedError for bad input).
 * Returns null for a well-formed feed without papers when `requirePapers` is false.
 */
export function ingestFeedBytes(
  db: Db,
  load: () => Uint8Array,
  input: IngestBytesInput,
  startedAt = new Date(),
): IngestSummary | null {
  try {
    const bytes = load();
    checkFeedSize(bytes.length, heapRoom(), countPieces(bytes));
    const feed = readFeed(bytes, { date: input.date, today: input.today ?? localDay(), format: input.format });
    input.onStart?.(feed.records.length);
    return ingestRecords(db, {
      source: input.source,
      format: feed.format,
      records: feed.records,
      rejected: feed.rejected,
      startedAt,
      onProgress: input.onProgress,
    });
  } catch (error) {
    if (input.requirePapers === false && error instanceof FeedError && error.empty) return null;
    recordFailure(db, input, startedAt, error);
    throw error;
  }
}

function recordFailure(db: Db, input: IngestBytesInput, startedAt: Date, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  try {
    recordFailedRun(db, { source: input.source, format: input.format ?? "unknown", startedAt, message });
  } catch {
    // The catalog itself may be what failed (locked, read-only); the original error matters more.
  }
}

/** Ingests the feed file at `file` (see ingestFeedBytes). */
export function ingestFeedFile(db: Db, file: string, options: IngestFileOptions & { format?: FeedSource } = {}) {
  return ingestFeedBytes(db, () => readFeedFile(file), { ...options, source: file })!;
}

/**
 * Downloads the feed at `url` and ingests it (see ingestFeedBytes). A download
 * that fails (404, unreachable, timeout, too large) is recorded as a failed run
 * and rethrown; nothing else is written.
 */
export async function ingestFeedUrl(
  db: Db,
  url: string,
  input: Omit<IngestBytesInput, "source"> & { fetch?: FetchOptions },
): Promise<IngestSummary | null> {
  const startedAt = new Date();
  let bytes: Uint8Array;
  try {
    bytes = (await fetchFeed(url, input.fetch)).bytes;
  } catch (error) {
    recordFailure(db, { ...input, source: url }, startedAt, error);
    throw error;
  }
  return ingestFeedBytes(db, () => bytes, { ...input, source: url }, startedAt);
}
