// Reads of the catalog for pages and the JSON API: the trending listing, search,
// one paper, related papers. Server components call these directly (never the
// API over HTTP). Reads return null for "no such paper" and throw when broken.
import "server-only";
import { cache } from "react";
import type { Prisma } from "@/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import type { Sort } from "@/lib/listing-params";
import { runQuery, similarTo, suggestQueries, toSearchDoc, type SearchHit } from "@/lib/search/index";
import { getSearchState, type SortKeys } from "@/lib/search/service";
import type { PaperLink } from "@/lib/text/links";

export type Appearance = { feedDate: string; rank: number; source: string };

/** A paper as pages and the API show it. */
export type PaperView = {
  id: number;
  slug: string;
  title: string;
  abstract: string;
  arxivId: string | null;
  authors: string[];
  publishedOn: string | null;
  links: PaperLink[];
  hasCode: boolean;
  firstFeedDate: string;
  lastFeedDate: string;
  lastRank: number;
  /** Every day the paper trended, latest first. */
  appearances: Appearance[];
};

export type SearchMatch = { score: number; terms: string[] };

export type Page<T> = { total: number; page: number; limit: number; pageCount: number; items: T[] };

export type SearchPage = Page<PaperView & { match: SearchMatch }> & {
  /** False when no paper has every word and the results match only some of them. */
  matchedAll: boolean;
  /** Queries to try when nothing matched. */
  suggestions: string[];
};

export type PageRequest = { sort: Sort; page: number; limit: number; clampPage?: boolean };

const paperSelect = {
  id: true,
  slug: true,
  title: true,
  abstract: true,
  arxivId: true,
  authors: true,
  publishedOn: true,
  links: true,
  hasCode: true,
  firstFeedDate: true,
  lastFeedDate: true,
  lastRank: true,
  appearances: {
    select: { feedDate: true, rank: true, source: true },
    orderBy: [{ feedDate: "desc" }, { rank: "asc" }],
  },
} satisfies Prisma.PaperSelect;

type PaperRow = Prisma.PaperGetPayload<{ select: typeof paperSelect }>;

function parseJsonArray<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function toView(row: PaperRow): PaperView {
  return { ...row, authors: parseJsonArray<string>(row.authors), links: parseJsonArray<PaperLink>(row.links) };
}

/**
 * The listing orders, in SQL (listPapers) and in memory (search results sorted
 * by something other than relevance). Both must agree; tests check they do.
 */
const ORDER_BY: Record<Exclude<Sort, "relevance">, Prisma.PaperOrderByWithRelationInput[]> = {
  trending: [{ lastFeedDate: "desc" }, { lastRank: "asc" }, { id: "asc" }],
  newest: [{ newestOn: "desc" }, { lastFeedDate: "desc" }, { lastRank: "asc" }, { id: "asc" }],
  title: [{ sortTitle: "asc" }, { id: "asc" }],
};

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const COMPARE: Record<
  Exclude<Sort, "relevance">,
  (a: SortKeys & { id: number }, b: SortKeys & { id: number }) => number
> = {
  trending: (a, b) => cmp(b.lastFeedDate, a.lastFeedDate) || cmp(a.lastRank, b.lastRank) || cmp(a.id, b.id),
  newest: (a, b) =>
    cmp(b.newestOn, a.newestOn) ||
    cmp(b.lastFeedDate, a.lastFeedDate) ||
    cmp(a.lastRank, b.lastRank) ||
    cmp(a.id, b.id),
  title: (a, b) => cmp(a.sortTitle, b.sortTitle) || cmp(a.id, b.id),
};

function pageWindow(total: number, req: PageRequest) {
  const pageCount = Math.max(1, Math.ceil(total / req.limit));
  const page = req.clampPage ? Math.min(req.page, pageCount) : req.page;
  return { page, pageCount, skip: (page - 1) * req.limit };
}

/** One page of the catalog in a listing order (relevance means trending here). */
export async function listPapers(req: PageRequest): Promise<Page<PaperView>> {
  const prisma = getPrisma();
  const total = await prisma.paper.count();
  const { page, pageCount, skip } = pageWindow(total, req);
  const rows = await prisma.paper.findMany({
    select: paperSelect,
    orderBy: ORDER_BY[req.sort === "relevance" ? "trending" : req.sort],
    skip,
    take: req.limit,
  });
  return { total, page, limit: req.limit, pageCount, items: rows.map(toView) };
}

/** Loads papers by id, in the order of the ids given. */
async function papersByIds(ids: number[]): Promise<Map<number, PaperView>> {
  const rows = await getPrisma().paper.findMany({ select: paperSelect, where: { id: { in: ids } } });
  return new Map(rows.map((r) => [r.id, toView(r)]));
}

/** Ranked search over titles and abstracts, one page of it. */
export async function searchPapers(req: PageRequest & { q: string }): Promise<SearchPage> {
  const state = await getSearchState();
  const { hits, matchedAll } = runQuery(state.index, req.q);
  const ordered: SearchHit[] =
    req.sort === "relevance"
      ? hits
      : hits
          .map((h) => ({ hit: h, key: { id: h.id, ...state.keys.get(h.id)! } }))
          .sort((a, b) => COMPARE[req.sort as Exclude<Sort, "relevance">](a.key, b.key))
          .map(({ hit }) => hit);
  const { page, pageCount, skip } = pageWindow(ordered.length, req);
  const slice = ordered.slice(skip, skip + req.limit);
  const byId = await papersByIds(slice.map((h) => h.id));
  const items = slice.flatMap((h) => {
    const paper = byId.get(h.id);
    return paper ? [{ ...paper, match: { score: h.score, terms: h.terms } }] : [];
  });
  const suggestions = ordered.length === 0 ? suggestQueries(state.index, req.q) : [];
  return { total: ordered.length, page, limit: req.limit, pageCount, items, matchedAll, suggestions };
}

/** The paper with this slug, or null. Cached per request (metadata and page share it). */
export const getPaperBySlug = cache(async (slug: string): Promise<PaperView | null> => {
  const row = await getPrisma().paper.findUnique({ select: paperSelect, where: { slug } });
  return row ? toView(row) : null;
});

export type RelatedPaper = { slug: string; title: string; lastFeedDate: string };

/** Up to `limit` papers most similar in text to `paper`. */
export async function getRelatedPapers(paper: PaperView, limit = 5): Promise<RelatedPaper[]> {
  const state = await getSearchState();
  const hits = similarTo(state.index, toSearchDoc(paper), limit);
  const rows = await getPrisma().paper.findMany({
    select: { id: true, slug: true, title: true, lastFeedDate: true },
    where: { id: { in: hits.map((h) => h.id) } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    return r ? [{ slug: r.slug, title: r.title, lastFeedDate: r.lastFeedDate }] : [];
  });
}
