// Ingests one feed file end to end: read, parse, validate, write, and record the
// run, failed or not. Shared by `npm run ingest` and `npm start`'s first-run seed.
import fs from "node:fs";
import { localDay } from "@/lib/feed/dates";
import { FeedError } from "@/lib/feed/errors";
import { readFeed } from "@/lib/feed/index";
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

/**
 * Ingests the feed at `file` into `db`. On failure the catalog is unchanged, the
 * failed run is recorded, and the error is rethrown (FeedError for bad input).
 */
export function ingestFeedFile(db: Db, file: string, options: IngestFileOptions = {}): IngestSummary {
  const startedAt = new Date();
  try {
    const feed = readFeed(readFeedFile(file), { date: options.date, today: options.today ?? localDay() });
    options.onStart?.(feed.records.length);
    return ingestRecords(db, {
      source: file,
      format: feed.format,
      records: feed.records,
      rejected: feed.rejected,
      startedAt,
      onProgress: options.onProgress,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      recordFailedRun(db, { source: file, format: "text-page", startedAt, message });
    } catch {
      // The catalog itself may be what failed (locked, read-only); the original error matters more.
    }
    throw error;
  }
}
