// Writes validated feed records into the catalog, all or nothing: one SQLite
// transaction per ingest, recorded as an IngestRun. Matching is by arXiv id, else
// by normalised title; re-ingesting the same feed changes nothing.
//
// This is the catalog's bulk writer and uses better-sqlite3 directly (the driver
// under Prisma's adapter) with prepared statements in one synchronous
// transaction: a 40,000-paper feed takes seconds, where per-row Prisma upserts
// take over a minute. The app's reads and interactive writes go through Prisma.
import { SOURCE_PRIORITY, type FeedRecord, type FeedSource, type Rejection } from "@/lib/feed/schema";
import { sqlTimestamp, type Db } from "@/lib/db/sqlite";
import { slugBase, sortTitle, titleKey as titleKeyOf, uniqueSlug } from "@/lib/text/identity";
import { extractLinks } from "@/lib/text/links";
import { parseRichText, plainText } from "@/lib/text/rich-text";
import { tagInBackground, type PendingTags } from "@/lib/topics/parallel";
import { insertTopics, writeTagging } from "@/lib/topics/store";
import { tagPlainText, TAGGING_VERSION, type Tagging } from "@/lib/topics/tagger";

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

/** The Paper columns a feed record can set, beyond identity and trend bookkeeping. */
type PaperFields = {
  title: string;
  abstract: string;
  textSource: string;
  arxivId: string | null;
  authors: string;
  publishedOn: string | null;
  updatedOn: string | null;
  githubRepo: string | null;
  projectPage: string | null;
  pdfUrl: string | null;
  aiSummary: string | null;
  keywords: string;
  categories: string;
  doi: string | null;
  comment: string | null;
};

/** A catalog row as the merge reads it: the record-settable fields and what ingest keeps itself. */
type PaperRow = PaperFields & {
  id: number;
  upvotes: number | null;
  githubStars: number | null;
  links: string;
  hasCode: number;
  tagVersion: string | null;
  firstFeedDate: string;
  lastFeedDate: string;
  lastRank: number;
};

const PROGRESS_EVERY = 250;
/**
 * Feeds with more records than this get INGEST_CACHE_SIZE while they are
 * written, and their new papers are tagged on worker threads (lib/topics/parallel.ts).
 */
const LARGE_INGEST = 2000;
/** SQLite's page cache during a large ingest: 256 MiB (negative = KiB). */
const INGEST_CACHE_SIZE = -262_144;

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
  const large = input.records.length > LARGE_INGEST;
  let pending: PendingTags | null = null;
  const run = db.transaction((): IngestSummary => {
    // Loaded under the write lock, so no other writer can add a paper these sets miss.
    const known = large ? loadKnown(db) : null;
    if (known) pending = tagNewPapersInBackground(known, input.records);
    const runId = Number(
      s.insertRun.run({ source: input.source, format: input.format, startedAt, finishedAt: startedAt }).lastInsertRowid,
    );
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const total = input.records.length;
    input.records.forEach((record, i) => {
      const tagsOf = pending ? (r: FeedRecord) => pending!.take(i, r.title, r.abstract) : null;
      counts[upsertRecord(s, record, runId, { tagsOf, known })]++;
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
  // A large feed touches most pages of every index: a bigger page cache for the
  // length of the ingest keeps them in memory instead of re-reading and spilling.
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  if (large) db.pragma(`cache_size = ${INGEST_CACHE_SIZE}`);
  try {
    return run.immediate();
  } finally {
    if (large) db.pragma(`cache_size = ${cacheSize}`);
    (pending as PendingTags | null)?.close();
  }
}

/**
 * Every identity the catalog holds, in memory for a large ingest: a record whose
 * title key and arXiv id are in neither set is new without asking SQLite (most
 * of a large feed), and keys and slugs are checked here instead of per paper.
 * Each set is kept a superset of the catalog's values (the ingest adds what it
 * writes), so a miss is certain and a hit falls back to the query.
 */
type Known = { titleKeys: Set<string>; arxivIds: Set<string>; keys: Set<string>; slugs: Set<string> };

function loadKnown(db: Db): Known {
  const known: Known = { titleKeys: new Set(), arxivIds: new Set(), keys: new Set(), slugs: new Set() };
  const rows = db.prepare<[], { titleKey: string; arxivId: string | null; key: string; slug: string }>(
    "SELECT titleKey, arxivId, key, slug FROM Paper",
  );
  for (const row of rows.iterate()) {
    known.titleKeys.add(row.titleKey);
    if (row.arxivId) known.arxivIds.add(row.arxivId);
    known.keys.add(row.key);
    known.slugs.add(row.slug);
  }
  return known;
}

const isKnown = (known: Known, r: FeedRecord) =>
  known.titleKeys.has(r.titleKey) || (r.arxivId !== undefined && known.arxivIds.has(r.arxivId));

/**
 * Starts tagging, on worker threads, the records that look new: neither their
 * title key nor their arXiv id is in the catalog, and no earlier record has their
 * key. Any other record that turns out to need tags is tagged when written.
 */
function tagNewPapersInBackground(known: Known, records: FeedRecord[]): PendingTags {
  const seen = new Set<string>();
  return tagInBackground(
    records.map((r) => {
      if (isKnown(known, r) || seen.has(r.key)) return null;
      seen.add(r.key);
      return { title: r.title, abstract: r.abstract };
    }),
  );
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
    // A paper known only by title may be the same as one that now comes with an arXiv id, and
    // a record without an id (a trending page) is the paper of that title whatever its id;
    // only two different arXiv ids keep two papers of the same title apart.
    byTitleKey: db.prepare<[string, string | null, string | null], PaperRow>(
      `SELECT * FROM Paper WHERE titleKey = ? AND (arxivId IS NULL OR ? IS NULL OR arxivId = ?)
       ORDER BY arxivId IS NULL, id LIMIT 1`,
    ),
    slugTaken: db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM Paper WHERE slug = ?`),
    keyTaken: db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM Paper WHERE key = ?`),
    insertPaper: db.prepare(
      `INSERT INTO Paper (key, slug, title, titleKey, sortTitle, abstract, textSource, arxivId, authors, publishedOn,
         updatedOn, githubRepo, projectPage, pdfUrl, aiSummary, keywords, categories, doi, comment, upvotes, githubStars,
         links, hasCode, keyPhrases, tagVersion, firstFeedDate, lastFeedDate, lastRank, newestOn, createdAt, updatedAt)
       VALUES (@key, @slug, @title, @titleKey, @sortTitle, @abstract, @textSource, @arxivId, @authors, @publishedOn,
         @updatedOn, @githubRepo, @projectPage, @pdfUrl, @aiSummary, @keywords, @categories, @doi, @comment, @upvotes,
         @githubStars, @links, @hasCode, @keyPhrases, @tagVersion, @feedDate, @feedDate, @rank, @newestOn, @now, @now)`,
    ),
    updatePaper: db.prepare(
      `UPDATE Paper SET title = @title, titleKey = @titleKey, sortTitle = @sortTitle, abstract = @abstract,
         textSource = @textSource, arxivId = @arxivId, authors = @authors, publishedOn = @publishedOn,
         updatedOn = @updatedOn, githubRepo = @githubRepo, projectPage = @projectPage, pdfUrl = @pdfUrl,
         aiSummary = @aiSummary, keywords = @keywords, categories = @categories, doi = @doi, comment = @comment,
         upvotes = @upvotes, githubStars = @githubStars, links = @links, hasCode = @hasCode,
         firstFeedDate = @firstFeedDate, lastFeedDate = @lastFeedDate, lastRank = @lastRank,
         newestOn = coalesce(@publishedOn, @firstFeedDate), updatedAt = @now
       WHERE id = @id`,
    ),
    appearance: db.prepare<[number, string, string], AppearanceRow>(
      `SELECT id, rank, upvotes, githubStars, comments FROM Appearance WHERE paperId = ? AND source = ? AND feedDate = ?`,
    ),
    insertAppearance: db.prepare(
      `INSERT INTO Appearance (paperId, source, feedDate, rank, upvotes, githubStars, comments, ingestRunId, createdAt)
       VALUES (@paperId, @source, @feedDate, @rank, @upvotes, @githubStars, @comments, @runId, @now)`,
    ),
    updateAppearance: db.prepare(
      `UPDATE Appearance SET rank = @rank, upvotes = @upvotes, githubStars = @githubStars, comments = @comments,
         ingestRunId = @runId WHERE id = @id`,
    ),
    // Popularity only grows on its sources, so the paper keeps the highest figure any day reported.
    trendSpan: db.prepare<
      [number, number],
      { first: string; last: string; lastRank: number; upvotes: number | null; githubStars: number | null }
    >(
      `SELECT min(feedDate) AS first, max(feedDate) AS last,
         (SELECT min(rank) FROM Appearance a2 WHERE a2.paperId = ? AND a2.feedDate =
           (SELECT max(feedDate) FROM Appearance a3 WHERE a3.paperId = a2.paperId)) AS lastRank,
         max(upvotes) AS upvotes, max(githubStars) AS githubStars
       FROM Appearance WHERE paperId = ?`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;

type AppearanceRow = {
  id: number;
  rank: number;
  upvotes: number | null;
  githubStars: number | null;
  comments: number | null;
};

const json = (values: string[]) => JSON.stringify(values);

/** A new paper's fields, straight from the record. */
function fieldsOf(r: FeedRecord): PaperFields {
  return {
    title: r.title,
    abstract: r.abstract,
    textSource: r.source,
    arxivId: r.arxivId ?? null,
    authors: json(r.authors),
    publishedOn: r.publishedOn ?? null,
    updatedOn: r.updatedOn ?? null,
    githubRepo: r.githubRepo ?? null,
    projectPage: r.projectPage ?? null,
    pdfUrl: r.pdfUrl ?? null,
    aiSummary: r.aiSummary ?? null,
    keywords: json(r.keywords),
    categories: json(r.categories),
    doi: r.doi ?? null,
    comment: r.comment ?? null,
  };
}

/**
 * Merges a record into a known paper. Richer sources fill in what is missing and
 * nothing known is lost: a field the record lacks keeps its value, and the title,
 * abstract, authors and dates come from the most authoritative source seen
 * (SOURCE_PRIORITY), so re-ingesting a trending page after arXiv does not undo arXiv.
 */
function mergeFields(existing: PaperRow, r: FeedRecord): PaperFields {
  const known = SOURCE_PRIORITY[existing.textSource as FeedSource] ?? 0;
  const outranks = SOURCE_PRIORITY[r.source] >= known;
  const pick = <T>(fresh: T | undefined | null, old: T | null): T | null =>
    fresh === undefined || fresh === null ? old : fresh;
  const pickList = (fresh: string[], old: string) => (fresh.length ? json(fresh) : old);
  return {
    title: outranks ? r.title : existing.title,
    abstract: outranks ? r.abstract : existing.abstract,
    textSource: outranks ? r.source : existing.textSource,
    arxivId: existing.arxivId ?? r.arxivId ?? null,
    authors: outranks || existing.authors === "[]" ? pickList(r.authors, existing.authors) : existing.authors,
    publishedOn: outranks || !existing.publishedOn ? pick(r.publishedOn, existing.publishedOn) : existing.publishedOn,
    updatedOn: [existing.updatedOn, r.updatedOn].reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null),
    githubRepo: pick(r.githubRepo, existing.githubRepo),
    projectPage: pick(r.projectPage, existing.projectPage),
    // Hugging Face derives a versionless link from the id where arXiv names the version: the
    // better source keeps its link, or re-ingesting both feeds would flip it back and forth.
    pdfUrl: outranks || !existing.pdfUrl ? pick(r.pdfUrl, existing.pdfUrl) : existing.pdfUrl,
    aiSummary: pick(r.aiSummary, existing.aiSummary),
    keywords: pickList(r.keywords, existing.keywords),
    categories: pickList(r.categories, existing.categories),
    doi: pick(r.doi, existing.doi),
    comment: pick(r.comment, existing.comment),
  };
}

/**
 * What ingest derives from a title and abstract: the abstract's links and the
 * paper's tags. The abstract is parsed once for both (parsing is a good part of
 * an ingest's time), with the same results as extractLinks and tagPaper.
 */
function derived(title: string, abstract: string) {
  let parsed: ReturnType<typeof parseRichText> | undefined;
  const segments = () => (parsed ??= parseRichText(abstract));
  return {
    links: () => linkColumnsOf(extractLinks(segments())),
    tagging: () => tagPlainText(plainText(title), plainText(segments())),
  };
}

function linkColumnsOf(links: ReturnType<typeof extractLinks>) {
  return { links: JSON.stringify(links), hasCode: links.some((l) => l.kind === "code") ? 1 : 0 };
}

/** What a large ingest knows ahead: new papers' tags (identical to tagPaper's) and the catalog's identities. */
type Ahead = { tagsOf: ((r: FeedRecord) => Tagging) | null; known: Known | null };

/** Adds, updates or leaves one paper (and its appearance); returns which. */
function upsertRecord(s: Statements, r: FeedRecord, runId: number, ahead: Ahead): "added" | "updated" | "unchanged" {
  const now = sqlTimestamp();
  const { tagsOf, known } = ahead;
  const existing =
    known && !isKnown(known, r)
      ? undefined
      : (r.arxivId && s.byArxivId.get(r.arxivId)) || s.byTitleKey.get(r.titleKey, r.arxivId ?? null, r.arxivId ?? null);
  const seenThatDay = {
    upvotes: r.upvotes ?? null,
    githubStars: r.githubStars ?? null,
    comments: r.comments ?? null,
  };
  const addAppearance = (paperId: number) =>
    s.insertAppearance.run({
      paperId,
      source: r.source,
      feedDate: r.feedDate,
      rank: r.rank,
      ...seenThatDay,
      runId,
      now,
    });

  if (!existing) {
    const text = derived(r.title, r.abstract);
    const tagging = tagsOf ? tagsOf(r) : text.tagging();
    const keyTaken = known ? known.keys.has(r.key) : s.keyTaken.get(r.key) !== undefined;
    const key = keyTaken ? `${r.key}#${now}` : r.key;
    const slug = uniqueSlug(slugBase(r.titleKey), (slug) =>
      known ? known.slugs.has(slug) : s.slugTaken.get(slug) !== undefined,
    );
    const info = s.insertPaper.run({
      key,
      slug,
      ...fieldsOf(r),
      titleKey: r.titleKey,
      sortTitle: sortTitle(r.titleKey),
      ...text.links(),
      keyPhrases: JSON.stringify(tagging.keyPhrases),
      tagVersion: TAGGING_VERSION,
      ...seenThatDay,
      feedDate: r.feedDate,
      rank: r.rank,
      newestOn: r.publishedOn ?? r.feedDate,
      now,
    });
    const id = Number(info.lastInsertRowid);
    if (known) {
      known.titleKeys.add(r.titleKey);
      if (r.arxivId) known.arxivIds.add(r.arxivId);
      known.keys.add(key);
      known.slugs.add(slug);
    }
    addAppearance(id);
    insertTopics(s.db, id, tagging.topics);
    return "added";
  }

  const next = mergeFields(existing, r);
  let changed = (Object.keys(next) as (keyof PaperFields)[]).some((k) => next[k] !== existing[k]);

  const seen = s.appearance.get(existing.id, r.source, r.feedDate);
  if (!seen) {
    addAppearance(existing.id);
    changed = true;
  } else {
    // A figure the feed does not report this time keeps the one recorded for that day.
    const day = {
      rank: r.rank,
      upvotes: seenThatDay.upvotes ?? seen.upvotes,
      githubStars: seenThatDay.githubStars ?? seen.githubStars,
      comments: seenThatDay.comments ?? seen.comments,
    };
    if ((Object.keys(day) as (keyof typeof day)[]).some((k) => day[k] !== seen[k])) {
      s.updateAppearance.run({ id: seen.id, ...day, runId });
      changed = true;
    }
  }
  if (!changed) return "unchanged";

  // Topics depend on the title and abstract only; stale tags are the retag's job (npm start runs it).
  const text = derived(next.title, next.abstract);
  if (next.title !== existing.title || next.abstract !== existing.abstract || existing.tagVersion !== TAGGING_VERSION) {
    writeTagging(s.db, existing.id, text.tagging());
  }
  // Links come from the abstract: only worth extracting again when it changed.
  const linkFields =
    existing.abstract === next.abstract ? { links: existing.links, hasCode: existing.hasCode } : text.links();
  const span = s.trendSpan.get(existing.id, existing.id)!;
  const titleKeyNow = next.title === r.title ? r.titleKey : titleKeyOf(next.title);
  known?.titleKeys.add(titleKeyNow);
  if (next.arxivId) known?.arxivIds.add(next.arxivId);
  s.updatePaper.run({
    id: existing.id,
    ...next,
    titleKey: titleKeyNow,
    sortTitle: sortTitle(titleKeyNow),
    ...linkFields,
    firstFeedDate: span.first,
    lastFeedDate: span.last,
    lastRank: span.lastRank,
    upvotes: span.upvotes,
    githubStars: span.githubStars,
    now,
  });
  return "updated";
}
