// Ingests one feed end to end, from a file or a URL: read or download, parse,
// validate, write, and record the run, failed or not. Shared by `npm run ingest`,
// `npm run refresh` and `npm start`'s first-run seed.
import fs from "node:fs";
import { localDay } from "@/lib/feed/dates";
import { FeedError } from "@/lib/feed/errors";
import { readFeed } from "@/lib/feed/index";
import type { FeedSource } from "@/lib/feed/schema";
import { fetchFeed, type FetchOptions } from "@/lib/net/fetch-feed";
import type { Db } from "@/lib/db/sqlite";
import { ingestRecords, recordFailedRun, type IngestSummary } from "@/lib/ingest";

/** The sample feed shipped with Papershelf; `npm start` loads it into an empty catalog. */
export const SAMPLE_FEED = "prisma/seed/trending-papers.txt";

/** Larger files are refused before they are read into memory. */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

export type IngestFileOptions = {
  /** "YYYY-MM-DD": the feed's day, overriding the page's date line. */
  date?: string;
  /** "YYYY-MM-DD": today, for year-less dates; defaults to the machine's local day. */
  today?: string;
  /** Called before writing, with the number of valid records (for a progress bar). */
  onStart?: (total: number) => void;
  onProgress?: (done: number, total: number) => void;
};

/** Reads a feed file, or throws FeedError with a reason a user can act on. */
export function readFeedFile(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new FeedError(describeFsError(error));
  }
  if (stat.isDirectory()) throw new FeedError("it is a directory, not a feed file");
  if (stat.size > MAX_FEED_BYTES) {
    throw new FeedError(
      `the file is ${Math.round(stat.size / 1048576)} MB; feeds are limited to ${MAX_FEED_BYTES / 1048576} MB`,
    );
  }
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new FeedError(describeFsError(error));
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
    const feed = readFeed(load(), { date: input.date, today: input.today ?? localDay(), format: input.format });
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
