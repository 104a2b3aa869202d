// A visitor's shelf: bookmarks with notes, tags and read state. Every function
// takes the visitor's id and touches only that visitor's rows, so no page,
// action or API can reach another visitor's shelf. Writes are idempotent: adding
// twice keeps one row, removing twice is fine; that is also what lets a write
// that found the catalog locked by an ingest simply run again.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { cmp } from "@/lib/compare";
import { getPrisma } from "@/lib/db/client";
import { sqlTimestamp } from "@/lib/db/sqlite";
import { paperSelect, toView, type PaperView } from "@/lib/catalog";
import { parseQuery } from "@/lib/search/query";
import { getSearchState } from "@/lib/search/service";
import { allHits, selectHits } from "@/lib/search/state";
import { MAX_NOTE_LENGTH, MAX_TAG_LENGTH, SHELF_PAGE_SIZE, type ShelfParams } from "@/lib/shelf-params";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";
import { retryWhileBusy } from "@/lib/db/busy";

/** Re-exported for the shelf code and tests that already use them from here. */
export { isCatalogBusy, retryWhileBusy } from "@/lib/db/busy";

export const MAX_TAGS = 20;

/** A note: plain text, at most MAX_NOTE_LENGTH characters, with a message a person can act on. */
export const noteSchema = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .refine((s) => s.length <= MAX_NOTE_LENGTH, {
    error: (issue) =>
      `Notes are limited to ${MAX_NOTE_LENGTH.toLocaleString("en-US")} characters; this one has ${String(issue.input).trim().length.toLocaleString("en-US")}.`,
  });

/** A tag: lower case, single spaces, letters, digits, spaces, - _ . + # only. */
export const tagSchema = z
  .string()
  .transform((s) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "A tag cannot be empty.")
      .max(MAX_TAG_LENGTH, `Tags are limited to ${MAX_TAG_LENGTH} characters.`)
      .regex(/^[\p{L}\p{N} ._+#-]+$/u, "Tags may use letters, digits, spaces and - _ . + # only."),
  );

export type ShelfItem = {
  bookmarkId: number;
  paper: PaperView;
  note: string;
  tags: string[];
  /** ISO timestamps. */
  readAt: string | null;
  bookmarkedAt: string;
};

export type Shelf = {
  total: number;
  page: number;
  pageCount: number;
  items: ShelfItem[];
  /** The visitor's tags with how many bookmarks carry each, most used first. */
  tags: { tag: string; count: number }[];
  /** Topics of the filtered bookmarks with their counts, most used first. */
  topics: { slug: string; name: string; count: number }[];
  /** Bookmarks on the whole shelf, before filters. */
  shelfSize: number;
};

/** Makes sure the visitor exists (a signed cookie may outlive a reset catalog). */
export async function ensureVisitor(visitorId: string): Promise<void> {
  await retryWhileBusy(
    () =>
      getPrisma()
        .$executeRaw`INSERT INTO "Visitor" ("id", "createdAt") VALUES (${visitorId}, ${sqlTimestamp()}) ON CONFLICT ("id") DO NOTHING`,
  );
}

/** Puts a paper on the shelf; a second call changes nothing. False when there is no such paper. */
export async function addBookmark(visitorId: string, paperId: number): Promise<boolean> {
  await ensureVisitor(visitorId);
  const now = sqlTimestamp();
  // One statement, so two clicks in two tabs can never race into two rows.
  const inserted = await retryWhileBusy(
    () => getPrisma().$executeRaw`
    INSERT INTO "Bookmark" ("visitorId", "paperId", "note", "createdAt", "updatedAt")
    SELECT ${visitorId}, "id", '', ${now}, ${now} FROM "Paper" WHERE "id" = ${paperId}
    ON CONFLICT ("visitorId", "paperId") DO NOTHING`,
  );
  if (inserted > 0) return true;
  return (await getPrisma().paper.count({ where: { id: paperId } })) > 0;
}

/** Takes a paper off the shelf; a second call changes nothing. */
export async function removeBookmark(visitorId: string, paperId: number): Promise<void> {
  await retryWhileBusy(() => getPrisma().bookmark.deleteMany({ where: { visitorId, paperId } }));
}

/** Which of these papers the visitor has bookmarked. */
export async function bookmarkedPaperIds(visitorId: string | null, paperIds: number[]): Promise<Set<number>> {
  if (!visitorId || paperIds.length === 0) return new Set();
  const rows = await getPrisma().bookmark.findMany({
    where: { visitorId, paperId: { in: paperIds } },
    select: { paperId: true },
  });
  return new Set(rows.map((r) => r.paperId));
}

export async function countBookmarks(visitorId: string | null): Promise<number> {
  return visitorId ? getPrisma().bookmark.count({ where: { visitorId } }) : 0;
}

/** Runs `change` on one of the visitor's bookmarks; false when the visitor has no such bookmark. */
async function withBookmark(visitorId: string, bookmarkId: number, change: (id: number) => Promise<unknown>) {
  const owned = await getPrisma().bookmark.findFirst({ where: { id: bookmarkId, visitorId }, select: { id: true } });
  if (!owned) return false;
  await change(owned.id);
  return true;
}

export async function setNote(visitorId: string, bookmarkId: number, note: string): Promise<boolean> {
  const { count } = await retryWhileBusy(() =>
    getPrisma().bookmark.updateMany({ where: { id: bookmarkId, visitorId }, data: { note } }),
  );
  return count > 0;
}

export async function setRead(visitorId: string, bookmarkId: number, read: boolean): Promise<boolean> {
  const prisma = getPrisma();
  // Marking read twice keeps the first time.
  const { count } = await retryWhileBusy(() =>
    prisma.bookmark.updateMany({
      where: { id: bookmarkId, visitorId, ...(read ? { readAt: null } : {}) },
      data: { readAt: read ? new Date() : null },
    }),
  );
  return count > 0 || (await prisma.bookmark.count({ where: { id: bookmarkId, visitorId } })) > 0;
}

/** Adds a tag to a bookmark. Returns an error message when the bookmark already has MAX_TAGS tags. */
export async function addTag(visitorId: string, bookmarkId: number, tag: string): Promise<boolean | string> {
  const prisma = getPrisma();
  const owned = await prisma.bookmark.findFirst({
    where: { id: bookmarkId, visitorId },
    select: { id: true, _count: { select: { tags: true } } },
  });
  if (!owned) return false;
  if (owned._count.tags >= MAX_TAGS) return `A bookmark can have at most ${MAX_TAGS} tags.`;
  await retryWhileBusy(
    () =>
      prisma.$executeRaw`INSERT INTO "BookmarkTag" ("bookmarkId", "tag") VALUES (${owned.id}, ${tag}) ON CONFLICT DO NOTHING`,
  );
  return true;
}

export async function removeTag(visitorId: string, bookmarkId: number, tag: string): Promise<boolean> {
  return withBookmark(visitorId, bookmarkId, (id) =>
    retryWhileBusy(() => getPrisma().bookmarkTag.deleteMany({ where: { bookmarkId: id, tag } })),
  );
}

/** Renames a tag on every bookmark of the shelf (merging with the new name where a bookmark has both). */
export async function renameTag(visitorId: string, from: string, to: string): Promise<number> {
  if (from === to) return 0;
  // Locked out, the whole transaction starts again: one that read before an ingest committed can no longer write.
  return retryWhileBusy(() =>
    getPrisma().$transaction(async (tx) => {
      const tagged = await tx.bookmarkTag.findMany({
        where: { tag: from, bookmark: { visitorId } },
        select: { bookmarkId: true },
      });
      for (const { bookmarkId } of tagged) {
        await tx.$executeRaw`INSERT INTO "BookmarkTag" ("bookmarkId", "tag") VALUES (${bookmarkId}, ${to}) ON CONFLICT DO NOTHING`;
      }
      await tx.bookmarkTag.deleteMany({ where: { tag: from, bookmark: { visitorId } } });
      return tagged.length;
    }),
  );
}

const shelfSelect = {
  id: true,
  note: true,
  readAt: true,
  createdAt: true,
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
  paper: { select: { ...paperSelect, sortTitle: true } },
} as const;

type ShelfRow = Prisma.BookmarkGetPayload<{ select: typeof shelfSelect }>;

/**
 * Bookmarks read per query. Prisma binds at most 999 values in a SQLite query,
 * and reading the papers, topics and tags of N bookmarks binds N ids.
 */
const SHELF_CHUNK = 400;

/** The visitor's whole shelf, newest first. */
async function loadShelf(visitorId: string): Promise<ShelfRow[]> {
  const rows: ShelfRow[] = [];
  for (let after = 0; ;) {
    const chunk = await getPrisma().bookmark.findMany({
      where: { visitorId, id: { gt: after } },
      select: shelfSelect,
      orderBy: { id: "asc" },
      take: SHELF_CHUNK,
    });
    rows.push(...chunk);
    if (chunk.length < SHELF_CHUNK) break;
    after = chunk.at(-1)!.id;
  }
  // Ties (bookmarks saved in the same millisecond) break on the paper, so an export and its import list alike.
  return rows.sort((a, b) => cmp(b.createdAt.getTime(), a.createdAt.getTime()) || cmp(a.paper.id, b.paper.id));
}

function toItem(row: ShelfRow): ShelfItem {
  return {
    bookmarkId: row.id,
    paper: toView(row.paper),
    note: row.note,
    tags: row.tags.map((t) => t.tag),
    readAt: row.readAt?.toISOString() ?? null,
    bookmarkedAt: row.createdAt.toISOString(),
  };
}

const SHELF_ORDER: Record<Exclude<ShelfParams["sort"], "relevance">, (a: ShelfRow, b: ShelfRow) => number> = {
  added: (a, b) => cmp(b.createdAt.getTime(), a.createdAt.getTime()) || cmp(a.paper.id, b.paper.id),
  title: (a, b) => cmp(a.paper.sortTitle, b.paper.sortTitle) || cmp(a.id, b.id),
  feed: (a, b) => cmp(b.paper.lastFeedDate, a.paper.lastFeedDate) || cmp(a.paper.lastRank, b.paper.lastRank),
};

/**
 * One page of the visitor's shelf, filtered and sorted as the params say. A
 * query searches the shelf with the site's search (same syntax and ranking),
 * and also matches the visitor's own notes and tags.
 */
export async function listShelf(visitorId: string | null, params: ShelfParams): Promise<Shelf> {
  const rows = visitorId ? await loadShelf(visitorId) : [];
  const tagCounts = new Map<string, number>();
  for (const r of rows) for (const t of r.tags) tagCounts.set(t.tag, (tagCounts.get(t.tag) ?? 0) + 1);
  let selected = rows.filter(
    (r) =>
      (!params.unread || r.readAt === null) &&
      (!params.tag || r.tags.some((t) => t.tag === params.tag)) &&
      params.topics.every((slug) => r.paper.topics.some((t) => t.topic === slug)),
  );
  let ranked: number[] | null = null;
  if (params.q) {
    const parsed = parseQuery(params.q, (slug) => TOPIC_BY_SLUG.has(slug));
    const onShelf = new Set(selected.map((r) => r.paper.id));
    const state = await getSearchState();
    ranked = allHits(selectHits(state, parsed, "relevance", (id) => onShelf.has(id))).map((h) => h.id);
    // The visitor's own words count too: every query word in the note or tags.
    const words = params.q
      .toLowerCase()
      .split(" ")
      .filter((w) => /[\p{L}\p{N}]/u.test(w));
    const inNotes = selected.filter((r) => {
      const own = `${r.note} ${r.tags.map((t) => t.tag).join(" ")}`.toLowerCase();
      return words.length > 0 && words.every((w) => own.includes(w));
    });
    for (const r of inNotes) if (!ranked.includes(r.paper.id)) ranked.push(r.paper.id);
    const position = new Map(ranked.map((id, i) => [id, i]));
    selected = selected.filter((r) => position.has(r.paper.id));
    if (params.sort === "relevance") selected.sort((a, b) => position.get(a.paper.id)! - position.get(b.paper.id)!);
  }
  if (params.sort !== "relevance") selected.sort(SHELF_ORDER[params.sort]);
  const topicCounts = new Map<string, number>();
  for (const r of selected)
    for (const t of r.paper.topics) topicCounts.set(t.topic, (topicCounts.get(t.topic) ?? 0) + 1);
  const pageCount = Math.max(1, Math.ceil(selected.length / SHELF_PAGE_SIZE));
  const page = Math.min(params.page, pageCount);
  return {
    total: selected.length,
    page,
    pageCount,
    items: selected.slice((page - 1) * SHELF_PAGE_SIZE, page * SHELF_PAGE_SIZE).map(toItem),
    tags: [...tagCounts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || cmp(a.tag, b.tag)),
    topics: [...topicCounts]
      .filter(([slug]) => TOPIC_BY_SLUG.has(slug))
      .map(([slug, count]) => ({ slug, name: TOPIC_BY_SLUG.get(slug)!.name, count }))
      .sort((a, b) => b.count - a.count || cmp(a.name, b.name)),
    shelfSize: rows.length,
  };
}

/** Every bookmark of the shelf, newest first, for exports. */
export async function allShelfItems(visitorId: string | null): Promise<ShelfItem[]> {
  return visitorId ? (await loadShelf(visitorId)).map(toItem) : [];
}
