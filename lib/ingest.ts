// Writes validated feed records into the catalog, all or nothing: one SQLite
// transaction per ingest, recorded as an IngestRun. Matching is by arXiv id, else
// by normalised title; re-ingesting the same feed changes nothing.
//
// This is the catalog's bulk writer and uses better-sqlite3 directly (the driver
// under Prisma's adapter) with prepared statements in one synchronous
// transaction: a 40,000-paper feed takes seconds, where per-row Prisma upserts
// take over a minute. The app's reads and interactive writes go through Prisma.
import type { FeedRecord, FeedSource, Rejection } from "@/lib/feed/schema";
import { sqlTimestamp, type Db } from "@/lib/db/sqlite";
import { slugBase, sortTitle, uniqueSlug } from "@/lib/text/identity";
import { extractLinks } from "@/lib/text/links";
import { writeTagging } from "@/lib/topics/store";
import { tagPaper, TAGGING_VERSION } from "@/lib/topics/tagger";

export type IngestInput = {
  /** The file (or URL) as the user named it. */
  source: string;
  format: FeedSource;
  records: FeedRecord[];
  /** Entries the parser or schema rejected, recorded with the run. */
  rejected: Rejection[];
  startedAt?: Date;
  /** Called every few hundred records with (done, total). */
  onProgress?: (done: number, total: number) => void;
};

export type IngestSummary = {
  runId: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: Rejection[];
};

type PaperRow = {
  id: number;
  title: string;
  abstract: string;
  arxivId: string | null;
  authors: string;
  publishedOn: string | null;
  links: string;
  hasCode: number;
  tagVersion: string | null;
  firstFeedDate: string;
  lastFeedDate: string;
  lastRank: number;
};

const PROGRESS_EVERY = 250;

/** The one line every ingest prints: "added N, updated N, unchanged N, rejected N". */
export function summaryLine(s: Pick<IngestSummary, "added" | "updated" | "unchanged" | "rejected">): string {
  return `added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`;
}

/** "entry 3 (line 12) "Some title": has no abstract" */
export function rejectionLine(r: Rejection): string {
  const where = r.line ? `entry ${r.entry} (line ${r.line})` : `entry ${r.entry}`;
  return `rejected ${where} "${r.title}": ${r.reason}`;
}

/**
 * Ingests records in one IMMEDIATE transaction and records the run. If anything
 * throws, nothing is written (not even the run); the caller may then record the
 * failure with recordFailedRun.
 */
export function ingestRecords(db: Db, input: IngestInput): IngestSummary {
  const startedAt = sqlTimestamp(input.startedAt);
  const s = statements(db);
  const run = db.transaction((): IngestSummary => {
    const runId = Number(
      s.insertRun.run({ source: input.source, format: input.format, startedAt, finishedAt: startedAt }).lastInsertRowid,
    );
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const total = input.records.length;
    input.records.forEach((record, i) => {
      counts[upsertRecord(s, record, runId)]++;
      if (input.onProgress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === total)) input.onProgress(i + 1, total);
    });
    const summary = { runId, ...counts, rejected: input.rejected.length, rejections: input.rejected };
    s.finishRun.run({
      id: runId,
      finishedAt: sqlTimestamp(),
      ...counts,
      rejected: summary.rejected,
      rejections: JSON.stringify(input.rejected),
    });
    return summary;
  });
  return run.immediate();
}

/** Records an ingest that failed as a whole, so the history shows it. Writes nothing else. */
export function recordFailedRun(
  db: Db,
  run: { source: string; format: string; startedAt?: Date; message: string },
): number {
  const at = sqlTimestamp(run.startedAt);
  return Number(
    db
      .prepare(
        `INSERT INTO IngestRun (source, format, status, startedAt, finishedAt, message)
         VALUES (?, ?, 'failed', ?, ?, ?)`,
      )
      .run(run.source, run.format, at, sqlTimestamp(), run.message).lastInsertRowid,
  );
}

function statements(db: Db) {
  return {
    db,
    insertRun: db.prepare(
      `INSERT INTO IngestRun (source, format, status, startedAt, finishedAt)
       VALUES (@source, @format, 'running', @startedAt, @finishedAt)`,
    ),
    finishRun: db.prepare(
      `UPDATE IngestRun SET status = 'succeeded', finishedAt = @finishedAt, added = @added, updated = @updated,
         unchanged = @unchanged, rejected = @rejected, rejections = @rejections WHERE id = @id`,
    ),
    byArxivId: db.prepare<[string], PaperRow>(`SELECT * FROM Paper WHERE arxivId = ?`),
    // A paper known only by title may be the same as one that now comes with an arXiv id.
    byTitleKey: db.prepare<[string, string | null], PaperRow>(
      `SELECT * FROM Paper WHERE titleKey = ? AND (arxivId IS NULL OR arxivId = ?) ORDER BY id LIMIT 1`,
    ),
    slugTaken: db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM Paper WHERE slug = ?`),
    keyTaken: db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM Paper WHERE key = ?`),
    insertPaper: db.prepare(
      `INSERT INTO Paper (key, slug, title, titleKey, sortTitle, abstract, arxivId, authors, publishedOn, links, hasCode,
         firstFeedDate, lastFeedDate, lastRank, newestOn, createdAt, updatedAt)
       VALUES (@key, @slug, @title, @titleKey, @sortTitle, @abstract, @arxivId, @authors, @publishedOn, @links, @hasCode,
         @feedDate, @feedDate, @rank, @newestOn, @now, @now)`,
    ),
    updatePaper: db.prepare(
      `UPDATE Paper SET title = @title, titleKey = @titleKey, sortTitle = @sortTitle, abstract = @abstract,
         arxivId = @arxivId, authors = @authors, publishedOn = @publishedOn, links = @links, hasCode = @hasCode,
         firstFeedDate = @firstFeedDate, lastFeedDate = @lastFeedDate, lastRank = @lastRank,
         newestOn = coalesce(@publishedOn, @firstFeedDate), updatedAt = @now
       WHERE id = @id`,
    ),
    appearance: db.prepare<[number, string, string], { id: number; rank: number }>(
      `SELECT id, rank FROM Appearance WHERE paperId = ? AND source = ? AND feedDate = ?`,
    ),
    insertAppearance: db.prepare(
      `INSERT INTO Appearance (paperId, source, feedDate, rank, ingestRunId, createdAt)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    updateAppearance: db.prepare(`UPDATE Appearance SET rank = ?, ingestRunId = ? WHERE id = ?`),
    trendSpan: db.prepare<[number, number], { first: string; last: string; lastRank: number }>(
      `SELECT min(feedDate) AS first, max(feedDate) AS last,
         (SELECT min(rank) FROM Appearance a2 WHERE a2.paperId = ? AND a2.feedDate =
           (SELECT max(feedDate) FROM Appearance a3 WHERE a3.paperId = a2.paperId)) AS lastRank
       FROM Appearance WHERE paperId = ?`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;

function linkColumns(abstract: string) {
  const links = extractLinks(abstract);
  return { links: JSON.stringify(links), hasCode: links.some((l) => l.kind === "code") ? 1 : 0 };
}

/** Adds, updates or leaves one paper (and its appearance); returns which. */
function upsertRecord(s: Statements, r: FeedRecord, runId: number): "added" | "updated" | "unchanged" {
  const now = sqlTimestamp();
  const existing = (r.arxivId && s.byArxivId.get(r.arxivId)) || s.byTitleKey.get(r.titleKey, r.arxivId ?? null);
  // Links come from the abstract: only worth extracting again when it changed.
  const linkFields =
    existing && existing.abstract === r.abstract
      ? { links: existing.links, hasCode: existing.hasCode }
      : linkColumns(r.abstract);

  if (!existing) {
    const key = s.keyTaken.get(r.key) ? `${r.key}#${now}` : r.key;
    const info = s.insertPaper.run({
      key,
      slug: uniqueSlug(slugBase(r.titleKey), (slug) => s.slugTaken.get(slug) !== undefined),
      title: r.title,
      titleKey: r.titleKey,
      sortTitle: sortTitle(r.titleKey),
      abstract: r.abstract,
      arxivId: r.arxivId ?? null,
      authors: JSON.stringify(r.authors),
      publishedOn: r.publishedOn ?? null,
      ...linkFields,
      feedDate: r.feedDate,
      rank: r.rank,
      newestOn: r.publishedOn ?? r.feedDate,
      now,
    });
    const id = Number(info.lastInsertRowid);
    s.insertAppearance.run(id, r.source, r.feedDate, r.rank, runId, now);
    writeTagging(s.db, id, tagPaper(r.title, r.abstract));
    return "added";
  }

  // Fields a source does not know (undefined, or no authors) keep what the catalog has.
  const next = {
    title: r.title,
    abstract: r.abstract,
    arxivId: r.arxivId ?? existing.arxivId,
    authors: r.authors.length ? JSON.stringify(r.authors) : existing.authors,
    publishedOn: r.publishedOn ?? existing.publishedOn,
  };
  let changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== existing[k]);

  const seen = s.appearance.get(existing.id, r.source, r.feedDate);
  if (!seen) {
    s.insertAppearance.run(existing.id, r.source, r.feedDate, r.rank, runId, now);
    changed = true;
  } else if (seen.rank !== r.rank) {
    s.updateAppearance.run(r.rank, runId, seen.id);
    changed = true;
  }
  if (!changed) return "unchanged";

  // Topics depend on the title and abstract only; stale tags are the retag's job (npm start runs it).
  if (next.title !== existing.title || next.abstract !== existing.abstract || existing.tagVersion !== TAGGING_VERSION) {
    writeTagging(s.db, existing.id, tagPaper(r.title, r.abstract));
  }
  const span = s.trendSpan.get(existing.id, existing.id)!;
  s.updatePaper.run({
    id: existing.id,
    ...next,
    titleKey: r.titleKey,
    sortTitle: sortTitle(r.titleKey),
    ...linkFields,
    firstFeedDate: span.first,
    lastFeedDate: span.last,
    lastRank: span.lastRank,
    now,
  });
  return "updated";
}
