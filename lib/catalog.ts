// Reads of the catalog for pages and the JSON API: the listing (trending, by
// topic, or searched), facets, topics, one paper, related papers. Server
// components call these directly (never the API over HTTP). Reads return null
// for "no such paper" and throw when broken.
import "server-only";
import { cache } from "react";
import type { Prisma } from "@/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { parseJsonArray } from "@/lib/json";
import type { Sort } from "@/lib/listing-params";
import { similarTo, suggestQueries, toSearchDoc, type MatchMode } from "@/lib/search/index";
import { isEmptyQuery, parseQuery, type ParsedQuery } from "@/lib/search/query";
import { getSearchState } from "@/lib/search/service";
import { selectHits, topicCounts } from "@/lib/search/state";
import { indexTerms, tokenize } from "@/lib/search/terms";
import type { PaperLink } from "@/lib/text/links";
import { plainText } from "@/lib/text/rich-text";
import { TOPIC_BY_SLUG, TOPICS } from "@/lib/topics/taxonomy";

export type Appearance = { feedDate: string; rank: number; source: string };
export type TopicRef = { slug: string; name: string };

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
  /** One to four research areas, strongest first. */
  topics: TopicRef[];
  keyPhrases: string[];
};

export type SearchMatch = { score: number; terms: string[] };

export type Page<T> = { total: number; page: number; limit: number; pageCount: number; items: T[] };

/** A topic with how many of the current results are in it. */
export type Facet = TopicRef & { count: number; selected: boolean };

export type ListingRequest = {
  q: string;
  topics: string[];
  sort: Sort;
  page: number;
  limit: number;
  /** Past the last page, show the last page (pages) instead of an empty one (the API). */
  clampPage?: boolean;
};

export type Listing = Page<PaperView & { match?: SearchMatch }> & {
  /** "exact": every word as typed; "typo": every word, allowing typos; "partial": only some words. */
  mode: MatchMode;
  /** Queries to try when nothing matched. */
  suggestions: string[];
  /** Topics of the current results with their counts, largest first; zero counts left out. */
  facets: Facet[];
  /** Topics the results are filtered to (from ?topic= and topic: in the query). */
  topics: TopicRef[];
  /** Whether the query asked for anything (words, phrases, exclusions, topics). */
  searched: boolean;
  /** Whether the results are ranked by relevance (the query had words to rank by). */
  ranked: boolean;
};

export const paperSelect = {
  id: true,
  slug: true,
  title: true,
  abstract: true,
  arxivId: true,
  authors: true,
  publishedOn: true,
  links: true,
  hasCode: true,
  keyPhrases: true,
  firstFeedDate: true,
  lastFeedDate: true,
  lastRank: true,
  appearances: {
    select: { feedDate: true, rank: true, source: true },
    orderBy: [{ feedDate: "desc" }, { rank: "asc" }],
  },
  topics: { select: { topic: true }, orderBy: { position: "asc" } },
} satisfies Prisma.PaperSelect;

export type PaperRow = Prisma.PaperGetPayload<{ select: typeof paperSelect }>;

const topicRef = (slug: string): TopicRef => ({ slug, name: TOPIC_BY_SLUG.get(slug)?.name ?? slug });

export function toView(row: PaperRow): PaperView {
  return {
    ...row,
    authors: parseJsonArray<string>(row.authors),
    links: parseJsonArray<PaperLink>(row.links),
    keyPhrases: parseJsonArray<string>(row.keyPhrases),
    // A slug no longer in the taxonomy is waiting for its re-tag; show nothing rather than a raw slug.
    topics: row.topics.filter((t) => TOPIC_BY_SLUG.has(t.topic)).map((t) => topicRef(t.topic)),
  };
}

/** The listing orders in SQL, for the unfiltered listing (lib/search/state.ts has them in memory). */
const ORDER_BY: Record<Exclude<Sort, "relevance">, Prisma.PaperOrderByWithRelationInput[]> = {
  trending: [{ lastFeedDate: "desc" }, { lastRank: "asc" }, { id: "asc" }],
  newest: [{ newestOn: "desc" }, { lastFeedDate: "desc" }, { lastRank: "asc" }, { id: "asc" }],
  title: [{ sortTitle: "asc" }, { id: "asc" }],
};

function pageWindow(total: number, req: { page: number; limit: number; clampPage?: boolean }) {
  const pageCount = Math.max(1, Math.ceil(total / req.limit));
  const page = req.clampPage ? Math.min(req.page, pageCount) : req.page;
  return { page, pageCount, skip: (page - 1) * req.limit };
}

/** Loads papers by id, keyed by id. */
async function papersByIds(ids: number[]): Promise<Map<number, PaperView>> {
  const rows = await getPrisma().paper.findMany({ select: paperSelect, where: { id: { in: ids } } });
  return new Map(rows.map((r) => [r.id, toView(r)]));
}

function facetsOf(counts: Map<string, number>, selected: string[]): Facet[] {
  return TOPICS.flatMap((t) => {
    const count = counts.get(t.slug) ?? 0;
    return count > 0 ? [{ slug: t.slug, name: t.name, count, selected: selected.includes(t.slug) }] : [];
  }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The whole catalog in a listing order, straight from SQL (always current, no index needed). */
async function listAll(req: ListingRequest): Promise<Listing> {
  const prisma = getPrisma();
  const [total, topicCounts] = await Promise.all([
    prisma.paper.count(),
    prisma.paperTopic.groupBy({ by: ["topic"], _count: { _all: true } }),
  ]);
  const { page, pageCount, skip } = pageWindow(total, req);
  const rows = await prisma.paper.findMany({
    select: paperSelect,
    orderBy: ORDER_BY[req.sort === "relevance" ? "trending" : req.sort],
    skip,
    take: req.limit,
  });
  const counts = new Map(topicCounts.map((c) => [c.topic, c._count._all]));
  return {
    total,
    page,
    limit: req.limit,
    pageCount,
    items: rows.map(toView),
    mode: "exact",
    suggestions: [],
    facets: facetsOf(counts, []),
    topics: [],
    searched: false,
    ranked: false,
  };
}

/** A parsed query with the request's topic filters added. */
function queryOf(req: ListingRequest): ParsedQuery {
  const parsed = parseQuery(req.q, (slug) => TOPIC_BY_SLUG.has(slug));
  return { ...parsed, topics: [...new Set([...req.topics, ...parsed.topics])] };
}

/**
 * One page of the catalog: all of it in a listing order, or the papers matching
 * a query and topic filters, ranked or sorted. Facets count topics over all the
 * results, not just the page.
 */
export async function findPapers(req: ListingRequest): Promise<Listing> {
  const parsed = queryOf(req);
  if (isEmptyQuery(parsed)) return listAll(req);
  const state = await getSearchState();
  const { ordered, mode, ranked } = selectHits(state, parsed, req.sort);
  const { page, pageCount, skip } = pageWindow(ordered.length, req);
  const slice = ordered.slice(skip, skip + req.limit);
  const byId = await papersByIds(slice.map((h) => h.id));
  const items = slice.flatMap((h) => {
    const paper = byId.get(h.id);
    if (!paper) return [];
    return ranked ? [{ ...paper, match: { score: h.score, terms: h.terms } }] : [paper];
  });
  const counts = topicCounts(state, ordered);
  const surface = (term: string) => state.surface.get(term) ?? term;
  return {
    total: ordered.length,
    page,
    limit: req.limit,
    pageCount,
    items,
    mode,
    suggestions: ordered.length === 0 ? suggestQueries(state.index, parsed.words, surface) : [],
    facets: facetsOf(counts, parsed.topics),
    topics: parsed.topics.map(topicRef),
    searched: true,
    ranked,
  };
}

/** The paper with this slug, or null. Cached per request (metadata and page share it). */
export const getPaperBySlug = cache(async (slug: string): Promise<PaperView | null> => {
  const row = await getPrisma().paper.findUnique({ select: paperSelect, where: { slug } });
  return row ? toView(row) : null;
});

export type RelatedPaper = { slug: string; title: string; lastFeedDate: string; shared: string[] };

/** Up to `limit` papers most similar in text to `paper`, each with the distinctive words they share. */
export async function getRelatedPapers(paper: PaperView, limit = 5): Promise<RelatedPaper[]> {
  const state = await getSearchState();
  const doc = toSearchDoc({ ...paper, topics: paper.topics.map((t) => t.slug) });
  const hits = similarTo(state.index, doc, (t) => state.df.get(t) ?? 0, limit);
  // Show shared terms as this paper writes them, not as stems.
  const spelled = new Map<string, string>();
  for (const w of tokenize(`${plainText(paper.title)} ${plainText(paper.abstract)}`)) {
    for (const t of indexTerms(w))
      if (!spelled.has(t)) spelled.set(t, w.toLowerCase() === w || /\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase());
  }
  const rows = await getPrisma().paper.findMany({
    select: { id: true, slug: true, title: true, lastFeedDate: true },
    where: { id: { in: hits.map((h) => h.id) } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    if (!r) return [];
    const shared = [...new Set(h.shared.slice(0, 4).map((t) => spelled.get(t) ?? t))];
    return [{ slug: r.slug, title: r.title, lastFeedDate: r.lastFeedDate, shared }];
  });
}

export type TopicSummary = TopicRef & {
  description: string;
  count: number;
  top: { slug: string; title: string }[];
};

/** Every topic with its paper count and its three strongest papers (those for which it is the first topic, trending first). */
export async function listTopics(): Promise<TopicSummary[]> {
  const prisma = getPrisma();
  const counts = await prisma.paperTopic.groupBy({ by: ["topic"], _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.topic, c._count._all]));
  return Promise.all(
    TOPICS.map(async (t) => {
      const top = await prisma.paperTopic.findMany({
        where: { topic: t.slug },
        select: { paper: { select: { slug: true, title: true } } },
        orderBy: [{ position: "asc" }, { score: "desc" }, { paper: { lastFeedDate: "desc" } }],
        take: 3,
      });
      return {
        slug: t.slug,
        name: t.name,
        description: t.description,
        count: countOf.get(t.slug) ?? 0,
        top: top.map((r) => r.paper),
      };
    }),
  );
}
