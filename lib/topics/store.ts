// Writes a paper's topics and key phrases to the catalog, and re-tags papers
// whose tags came from another version of the taxonomy or rules. better-sqlite3,
// like the ingest, because it runs inside the ingest's transaction.
import { sqlTimestamp, type Db } from "@/lib/db/sqlite";
import { TAGGING_VERSION, tagPaper, type Tagging } from "@/lib/topics/tagger";

const statementsByDb = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    topics: db.prepare<[number], { topic: string }>("SELECT topic FROM PaperTopic WHERE paperId = ? ORDER BY position"),
    phrases: db.prepare<[number], { keyPhrases: string }>("SELECT keyPhrases FROM Paper WHERE id = ?"),
    clear: db.prepare("DELETE FROM PaperTopic WHERE paperId = ?"),
    insert: db.prepare("INSERT INTO PaperTopic (paperId, topic, position, score, evidence) VALUES (?, ?, ?, ?, ?)"),
    update: db.prepare("UPDATE Paper SET keyPhrases = ?, tagVersion = ? WHERE id = ?"),
  };
}

/** Statements prepared once per connection: an ingest writes tags for every new paper. */
function statements(db: Db) {
  let s = statementsByDb.get(db);
  if (!s) statementsByDb.set(db, (s = prepare(db)));
  return s;
}

/** Replaces a paper's topics and key phrases. Returns true when they changed. */
export function writeTagging(db: Db, paperId: number, tagging: Tagging): boolean {
  const s = statements(db);
  const before = s.topics.all(paperId).map((r) => r.topic);
  const phrasesBefore = s.phrases.get(paperId)?.keyPhrases;
  const keyPhrases = JSON.stringify(tagging.keyPhrases);
  s.clear.run(paperId);
  insertTopics(db, paperId, tagging.topics);
  s.update.run(keyPhrases, TAGGING_VERSION, paperId);
  return before.join() !== tagging.topics.map((t) => t.slug).join() || phrasesBefore !== keyPhrases;
}

/**
 * Writes the topics of a paper that has none yet. The ingest uses it for new
 * papers and stores their key phrases and tagging version with the row itself:
 * updating a row after inserting it rewrites its whole abstract.
 */
export function insertTopics(db: Db, paperId: number, topics: Tagging["topics"]) {
  const s = statements(db);
  topics.forEach((t, i) => s.insert.run(paperId, t.slug, i + 1, t.score, JSON.stringify(t.evidence)));
}

export type RetagReport = { checked: number; changed: number };

const CHUNK = 500;

/**
 * Re-tags every paper whose tags are stale (or every paper, with `all`), a chunk
 * of 500 per transaction. Papers whose topics or key phrases changed get a new
 * updatedAt, so running servers re-index them.
 */
export function retagCatalog(
  db: Db,
  { all = false, onProgress }: { all?: boolean; onProgress?: (done: number, total: number) => void } = {},
): RetagReport {
  const where = all ? "" : "WHERE tagVersion IS NULL OR tagVersion <> @version";
  const total = db.prepare<{ version: string }, { n: number }>(`SELECT count(*) AS n FROM Paper ${where}`).get({
    version: TAGGING_VERSION,
  })!.n;
  const select = db.prepare<{ version: string; after: number }, { id: number; title: string; abstract: string }>(
    `SELECT id, title, abstract FROM Paper ${where ? `${where} AND` : "WHERE"} id > @after ORDER BY id LIMIT ${CHUNK}`,
  );
  const touch = db.prepare("UPDATE Paper SET updatedAt = ? WHERE id = ?");
  const report: RetagReport = { checked: 0, changed: 0 };
  for (let after = 0; ;) {
    const rows = select.all({ version: TAGGING_VERSION, after });
    if (rows.length === 0) break;
    db.transaction(() => {
      const now = sqlTimestamp();
      for (const row of rows) {
        if (writeTagging(db, row.id, tagPaper(row.title, row.abstract))) {
          touch.run(now, row.id);
          report.changed++;
        }
      }
    }).immediate();
    report.checked += rows.length;
    after = rows.at(-1)!.id;
    onProgress?.(report.checked, total);
  }
  return report;
}
