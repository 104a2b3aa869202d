// `npm run refresh`: brings the catalog up to date with the configured live
// sources. For each source it ingests every day after the last complete day it
// has (or just today on a first run, or from --since), one ingest per day, so
// each day's papers are filed under that day. A day fetched while it was still
// going on is fetched again next time; a day without papers (a weekend) counts
// as done; a failure stops that source, so the missing days are retried by the
// next run instead of leaving a hole behind later days.
import type { Db } from "@/lib/db/sqlite";
import { sqlTimestamp } from "@/lib/db/sqlite";
import { ingestFeedUrl } from "@/lib/ingest-file";
import type { IngestSummary } from "@/lib/ingest";
import type { FetchOptions } from "@/lib/net/fetch-feed";
import { addDays, daysBetween } from "@/lib/periods";
import { dayUrl, fetchOptionsFor, sourceFormat, sourceName, type SourceSpec } from "@/lib/sources";

/** A first run, or a run after a long pause, fetches at most this many days unless --since says otherwise. */
export const MAX_CATCH_UP_DAYS = 31;

export type RefreshOptions = {
  sources: SourceSpec[];
  /** The last day to fetch ("YYYY-MM-DD"); defaults to today. */
  until?: string;
  /** Today ("YYYY-MM-DD"): a day not yet over is fetched again by the next run. */
  today: string;
  /** Fetch from this day even if it was done before (a backfill). */
  since?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra download settings (tests inject sleep and retries). */
  fetch?: FetchOptions;
  /** One line per event, for the command's output. */
  log?: (line: string) => void;
};

export type DayResult =
  | { source: string; day: string; status: "ingested"; summary: IngestSummary }
  | { source: string; day: string; status: "empty" }
  | { source: string; day: string; status: "failed"; message: string };

/** The days a source still needs, oldest first. */
export function missingDays(lastComplete: string | null, until: string, since?: string): string[] {
  const start = since ?? (lastComplete ? addDays(lastComplete, 1) : until);
  const floor = since ?? addDays(until, -(MAX_CATCH_UP_DAYS - 1));
  return daysBetween(start < floor ? floor : start, until);
}

function lastCompleteDay(db: Db, source: string): string | null {
  const row = db
    .prepare<[string], { day: string | null }>(
      `SELECT max(day) AS day FROM SourceDay WHERE source = ? AND complete = 1`,
    )
    .get(source);
  return row?.day ?? null;
}

function recordDay(db: Db, source: string, day: string, papers: number, complete: boolean, runId: number | null) {
  db.prepare(
    `INSERT INTO SourceDay (source, day, papers, complete, ingestRunId, fetchedAt) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, day) DO UPDATE SET papers = excluded.papers, complete = excluded.complete,
       ingestRunId = excluded.ingestRunId, fetchedAt = excluded.fetchedAt`,
  ).run(source, day, papers, complete ? 1 : 0, runId, sqlTimestamp());
}

/** Fetches and ingests every missing day of every source. Never throws for a feed problem: see the results. */
export async function refreshSources(db: Db, options: RefreshOptions): Promise<DayResult[]> {
  const log = options.log ?? (() => {});
  const results: DayResult[] = [];
  for (const spec of options.sources) {
    const source = sourceName(spec);
    const until = options.until ?? options.today;
    const days = missingDays(lastCompleteDay(db, source), until, options.since);
    if (days.length === 0) log(`${source}: up to date`);
    for (const day of days) {
      const url = dayUrl(spec, day, options.env);
      // The current day is still filling up: fetch it, but fetch it again next time.
      const complete = day < options.today;
      try {
        const summary = await ingestFeedUrl(db, url, {
          format: sourceFormat(spec),
          date: day,
          today: options.today,
          requirePapers: false,
          fetch: { ...fetchOptionsFor(url, options.env), ...options.fetch },
        });
        if (summary) {
          recordDay(db, source, day, summary.added + summary.updated + summary.unchanged, complete, summary.runId);
          results.push({ source, day, status: "ingested", summary });
          log(
            `${source} ${day}: added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`,
          );
        } else {
          recordDay(db, source, day, 0, complete, null);
          results.push({ source, day, status: "empty" });
          log(`${source} ${day}: no papers`);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
        results.push({ source, day, status: "failed", message });
        log(`${source} ${day}: failed: ${message}`);
        break;
      }
    }
  }
  return results;
}
