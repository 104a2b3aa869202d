// `npm run digest`: emails each confirmed subscriber the papers added to the
// catalog since their last digest, limited to their topics and saved search.
//
// Never twice: before an email is handed to the mailer, its delivery row
// (subscriber, cutoff) is written and the subscriber's "digested through" mark
// moves to the cutoff, in one transaction. A second run, or a run after a crash
// mid-send, finds nothing new for that subscriber. Delivery is therefore at most
// once: a crash between that write and the mail server's answer loses that one
// digest rather than sending it again. A send that fails outright puts the mark
// back, so the next run includes those papers.
import { sqlTimestamp, type Db } from "@/lib/db/sqlite";
import { parseJsonArray } from "@/lib/json";
import { digestEmail, scopeLine, type DigestPaper } from "@/lib/mail/templates";
import { unsubscribeUrl } from "@/lib/mail/tokens";
import type { Mailer } from "@/lib/mail/transport";
import { parseQuery } from "@/lib/search/query";
import { allHits, createState, putPaper, selectHits } from "@/lib/search/state";
import { excerpt } from "@/lib/text/excerpt";
import { parseRichText, plainText } from "@/lib/text/rich-text";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

/** An email lists at most this many papers, best first, then links to the rest. */
export const MAX_DIGEST_PAPERS = 25;

type SubscriberRow = {
  id: number;
  email: string;
  topics: string;
  query: string;
  confirmedAt: string;
  digestedThrough: string | null;
};

type PaperRow = {
  id: number;
  createdAt: string;
  slug: string;
  title: string;
  abstract: string;
  keyPhrases: string;
  firstFeedDate: string;
  lastFeedDate: string;
  lastRank: number;
  newestOn: string;
  sortTitle: string;
  topics: string | null;
};

export type DigestOutcome = {
  email: string;
  papers: number;
  status: "sent" | "nothing new" | "failed";
  message?: string;
};

export type DigestOptions = {
  mailer: Mailer;
  /** Base URL for links in the email. */
  site: string;
  /** Signs unsubscribe links. */
  secret: string;
  now?: Date;
  /** Build and "send" (to the mailer, normally an outbox) without recording anything. */
  dryRun?: boolean;
};

/**
 * Papers added in (since, through], trending first, with their topic slugs
 * (strongest first) and their email text. Read once per run, from the earliest
 * mark any subscriber has; each subscriber then takes those after their own.
 */
function papersAdded(
  db: Db,
  since: string,
  through: string,
): (DigestPaper & { row: PaperRow; topicSlugs: string[] })[] {
  const rows = db
    .prepare<[string, string], PaperRow>(
      `SELECT p.id, p.createdAt, p.slug, p.title, p.abstract, p.keyPhrases, p.firstFeedDate, p.lastFeedDate, p.lastRank,
         p.newestOn, p.sortTitle,
         (SELECT json_group_array(topic) FROM (SELECT topic FROM PaperTopic t WHERE t.paperId = p.id ORDER BY position)) AS topics
       FROM Paper p WHERE p.createdAt > ? AND p.createdAt <= ?
       ORDER BY p.lastFeedDate DESC, p.lastRank, p.id`,
    )
    .all(since, through);
  return rows.map((row) => {
    const topicSlugs = parseJsonArray<string>(row.topics ?? "[]");
    return {
      row,
      topicSlugs,
      slug: row.slug,
      title: plainText(row.title),
      excerpt: plainText(excerpt(parseRichText(row.abstract), 300)),
      topics: topicSlugs.map((s) => TOPIC_BY_SLUG.get(s)?.name ?? s),
      firstFeedDate: row.firstFeedDate,
    };
  });
}

/** The papers a subscriber asked for: in any of their topics, and matching their saved search when they have one. */
export function selectForSubscriber<T extends { row: PaperRow; topicSlugs: string[] }>(
  papers: T[],
  topics: string[],
  query: string,
): T[] {
  const inTopics = topics.length ? papers.filter((p) => p.topicSlugs.some((t) => topics.includes(t))) : papers;
  if (!query) return inTopics;
  // The same search as the site, over just these papers; a query that only matches
  // some of its words (the site's "partial" fallback) does not count here.
  const state = createState();
  for (const p of inTopics) {
    putPaper(state, { ...p.row, keyPhrases: parseJsonArray<string>(p.row.keyPhrases), topics: p.topicSlugs });
  }
  const selection = selectHits(
    state,
    parseQuery(query, (slug) => TOPIC_BY_SLUG.has(slug)),
    "relevance",
  );
  const { mode } = selection;
  if (mode === "partial") return [];
  const byId = new Map(inTopics.map((p) => [p.row.id, p]));
  return allHits(selection).flatMap((h) => byId.get(h.id) ?? []);
}

function statements(db: Db) {
  return {
    confirmed: db.prepare<[], SubscriberRow>(
      `SELECT id, email, topics, query, confirmedAt, digestedThrough FROM Subscriber WHERE status = 'confirmed' ORDER BY id`,
    ),
    record: db.prepare(
      `INSERT INTO DigestDelivery (subscriberId, through, papers, status, createdAt) VALUES (?, ?, ?, 'sending', ?)
       ON CONFLICT (subscriberId, through) DO NOTHING`,
    ),
    finish: db.prepare(`UPDATE DigestDelivery SET status = ?, message = ? WHERE subscriberId = ? AND through = ?`),
    // Moves a subscriber's mark only if no other run moved it since we read it.
    moveMark: db.prepare<[string | null, number, string | null]>(
      `UPDATE Subscriber SET digestedThrough = ? WHERE id = ? AND status = 'confirmed' AND digestedThrough IS ?`,
    ),
  };
}

export async function runDigest(db: Db, options: DigestOptions): Promise<DigestOutcome[]> {
  const cutoff = sqlTimestamp(options.now);
  const s = statements(db);
  const subscribers = s.confirmed.all();
  const markOf = (sub: SubscriberRow) => sub.digestedThrough ?? sub.confirmedAt;
  const earliest = subscribers.reduce<string | null>(
    (min, sub) => (!min || markOf(sub) < min ? markOf(sub) : min),
    null,
  );
  const added = earliest && earliest < cutoff ? papersAdded(db, earliest, cutoff) : [];
  const claim = db.transaction((sub: SubscriberRow, count: number): boolean => {
    if (s.record.run(sub.id, cutoff, count, sqlTimestamp()).changes === 0) return false;
    return s.moveMark.run(cutoff, sub.id, sub.digestedThrough).changes === 1;
  });
  const release = db.transaction((sub: SubscriberRow, reason: string) => {
    s.finish.run("failed", reason, sub.id, cutoff);
    s.moveMark.run(sub.digestedThrough, sub.id, cutoff);
  });

  const outcomes: DigestOutcome[] = [];
  for (const sub of subscribers) {
    const since = markOf(sub);
    if (since >= cutoff) continue;
    const topics = parseJsonArray<string>(sub.topics);
    const chosen = selectForSubscriber(
      added.filter((p) => p.row.createdAt > since),
      topics,
      sub.query,
    );
    if (chosen.length === 0) {
      if (!options.dryRun) s.moveMark.run(cutoff, sub.id, sub.digestedThrough);
      outcomes.push({ email: sub.email, papers: 0, status: "nothing new" });
      continue;
    }
    if (!options.dryRun && !claim.immediate(sub, chosen.length)) continue;
    const message = digestEmail({
      to: sub.email,
      site: options.site,
      scope: scopeLine(
        topics.map((t) => TOPIC_BY_SLUG.get(t)?.name ?? t),
        sub.query,
      ),
      papers: chosen.slice(0, MAX_DIGEST_PAPERS),
      more: Math.max(0, chosen.length - MAX_DIGEST_PAPERS),
      unsubscribeUrl: unsubscribeUrl(options.site, sub.id, options.secret),
    });
    try {
      await options.mailer.send(message);
      if (!options.dryRun) s.finish.run("sent", null, sub.id, cutoff);
      outcomes.push({ email: sub.email, papers: chosen.length, status: "sent" });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
      if (!options.dryRun) release(sub, reason);
      outcomes.push({ email: sub.email, papers: chosen.length, status: "failed", message: reason });
    }
  }
  return outcomes;
}
