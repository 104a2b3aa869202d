// Reads of the catalog for pages and the JSON API: the listing (trending, by
// topic, or searched), facets, topics, one paper, related papers. Server
// components call these directly (never the API over HTTP). Reads return null
// for "no such paper" and throw when broken.
import "server-only";
import { cache } from "react";
import type { Prisma } from "@/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { catalogStamp } from "@/lib/db/stamp";
import { parseJsonArray } from "@/lib/json";
import { cmp } from "@/lib/compare";
import type { Sort } from "@/lib/listing-params";
import { byPopularity, periodContaining, type Period } from "@/lib/periods";
import { similarTo, suggestQueries, toSearchDoc, type MatchMode } from "@/lib/search/index";
import { isEmptyQuery, parseQuery, type ParsedQuery } from "@/lib/search/query";
import { getSearchState } from "@/lib/search/service";
import { allHits, selectHits, surfaceOf, topicCounts } from "@/lib/search/state";
import { indexTerms, tokenize } from "@/lib/search/terms";
import type { PaperLink } from "@/lib/text/links";
import { plainText } from "@/lib/text/rich-text";
import { TOPIC_BY_SLUG, TOPICS } from "@/lib/topics/taxonomy";

export type Appearance = {
  feedDate: string;
  rank: number;
  source: string;
  upvotes: number | null;
  githubStars: number | null;
};
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
  updatedOn: string | null;
  upvotes: number | null;
  githubStars: number | null;
  githubRepo: string | null;
  projectPage: string | null;
  pdfUrl: string | null;
  aiSummary: string | null;
  keywords: string[];
  categories: string[];
  doi: string | null;
  comment: string | null;
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
  /** Only papers that trended in this period, ranked by their figures in it. */
  period?: Period | null;
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
  updatedOn: true,
  upvotes: true,
  githubStars: true,
  githubRepo: true,
  projectPage: true,
  pdfUrl: true,
  aiSummary: true,
  keywords: true,
  categories: true,
  doi: true,
  comment: true,
  appearances: {
    select: { feedDate: true, rank: true, source: true, upvotes: true, githubStars: true },
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
    keywords: parseJsonArray<string>(row.keywords),
    categories: parseJsonArray<string>(row.categories),
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

type CatalogTotals = { stamp: string; total: number; topics: Map<string, number> };
const totalsHolder = globalThis as unknown as { papershelfTotals?: CatalogTotals };

/**
 * How many papers the catalog has, in all and per topic. Counting topics reads
 * every PaperTopic row (~8 ms at 100,000 papers, on the one server thread, for
 * every listing and topics page), so the counts are kept until the catalog stamp
 * moves; checking the stamp costs microseconds, so they are never stale.
 */
async function catalogTotals(): Promise<CatalogTotals> {
  const { stamp, count } = await catalogStamp();
  const cached = totalsHolder.papershelfTotals;
  if (cached?.stamp === stamp) return cached;
  const rows = await getPrisma().paperTopic.groupBy({ by: ["topic"], _count: { _all: true } });
  const fresh = { stamp, total: count, topics: new Map(rows.map((c) => [c.topic, c._count._all])) };
  totalsHolder.papershelfTotals = fresh;
  return fresh;
}

/** The whole catalog in a listing order, straight from SQL (always current, no index needed). */
async function listAll(req: ListingRequest): Promise<Listing> {
  const prisma = getPrisma();
  const { total, topics: counts } = await catalogTotals();
  const { page, pageCount, skip } = pageWindow(total, req);
  const rows = await prisma.paper.findMany({
    select: paperSelect,
    orderBy: ORDER_BY[req.sort === "relevance" ? "trending" : req.sort],
    skip,
    take: req.limit,
  });
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
  const inPeriod = req.period ? await periodStats(req.period) : null;
  if (isEmptyQuery(parsed)) return inPeriod ? listPeriod(req, inPeriod) : listAll(req);
  const state = await getSearchState();
  const selected = selectHits(state, parsed, req.sort, inPeriod ? (id) => inPeriod.has(id) : undefined);
  const { mode, ranked } = selected;
  let pageOf = selected.slice;
  // Within a period, "trending" means the period's own figures, not the paper's latest day.
  if (inPeriod && (req.sort === "trending" || (req.sort === "relevance" && !ranked))) {
    const inOrder = allHits(selected).sort((a, b) => PERIOD_COMPARE.trending(inPeriod.get(a.id)!, inPeriod.get(b.id)!));
    pageOf = (start, end) => inOrder.slice(start, end);
  }
  const { page, pageCount, skip } = pageWindow(selected.size, req);
  const slice = pageOf(skip, skip + req.limit);
  const byId = await papersByIds(slice.map((h) => h.id));
  const items = slice.flatMap((h) => {
    const paper = byId.get(h.id);
    if (!paper) return [];
    return ranked ? [{ ...paper, match: { score: h.score, terms: h.terms } }] : [paper];
  });
  const counts = topicCounts(state, selected.ids());
  const surface = (term: string) => surfaceOf(state, term);
  return {
    total: selected.size,
    page,
    limit: req.limit,
    pageCount,
    items,
    mode,
    suggestions: selected.size === 0 ? suggestQueries(state.index, parsed.words, surface) : [],
    facets: facetsOf(counts, parsed.topics),
    topics: parsed.topics.map(topicRef),
    searched: true,
    ranked,
  };
}

/** A paper's figures within one period. */
type PeriodStat = {
  id: number;
  /** Highest upvotes any day of the period reported, or null when no source counts them. */
  upvotes: number | null;
  /** Best (lowest) feed rank in the period. */
  rank: number;
  /** Days of the period it trended. */
  days: number;
  newestOn: string;
  sortTitle: string;
};

/** Orders within a period: "trending" is byPopularity over the period, then by how many days it trended. */
const PERIOD_COMPARE: Record<Exclude<Sort, "relevance">, (a: PeriodStat, b: PeriodStat) => number> = {
  trending: (a, b) => byPopularity(a, b) || cmp(b.days, a.days) || cmp(a.id, b.id),
  newest: (a, b) => cmp(b.newestOn, a.newestOn) || PERIOD_COMPARE.trending(a, b),
  title: (a, b) => cmp(a.sortTitle, b.sortTitle) || cmp(a.id, b.id),
};

/** Every paper that trended in the period, with its figures there. */
async function periodStats(period: Period): Promise<Map<number, PeriodStat>> {
  const rows = await getPrisma().$queryRaw<
    {
      id: number | bigint;
      upvotes: number | bigint | null;
      rank: number | bigint;
      days: number | bigint;
      newestOn: string;
      sortTitle: string;
    }[]
  >`SELECT a.paperId AS id, max(a.upvotes) AS upvotes, min(a.rank) AS rank, count(DISTINCT a.feedDate) AS days,
      p.newestOn AS newestOn, p.sortTitle AS sortTitle
    FROM Appearance a JOIN Paper p ON p.id = a.paperId
    WHERE a.feedDate BETWEEN ${period.from} AND ${period.to}
    GROUP BY a.paperId`;
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        upvotes: r.upvotes === null ? null : Number(r.upvotes),
        rank: Number(r.rank),
        days: Number(r.days),
        newestOn: r.newestOn,
        sortTitle: r.sortTitle,
      },
    ]),
  );
}

/** The papers of one period, without a query. */
async function listPeriod(req: ListingRequest, stats: Map<number, PeriodStat>): Promise<Listing> {
  const ordered = [...stats.values()].sort(PERIOD_COMPARE[req.sort === "relevance" ? "trending" : req.sort]);
  const { page, pageCount, skip } = pageWindow(ordered.length, req);
  const slice = ordered.slice(skip, skip + req.limit);
  const byId = await papersByIds(slice.map((p) => p.id));
  const topicRows = await getPrisma().$queryRaw<{ topic: string; count: number | bigint }[]>`
    SELECT topic, count(*) AS count FROM PaperTopic
    WHERE paperId IN (SELECT DISTINCT paperId FROM Appearance WHERE feedDate BETWEEN ${req.period!.from} AND ${req.period!.to})
    GROUP BY topic`;
  return {
    total: ordered.length,
    page,
    limit: req.limit,
    pageCount,
    items: slice.flatMap((p) => byId.get(p.id) ?? []),
    mode: "exact",
    suggestions: [],
    facets: facetsOf(new Map(topicRows.map((r) => [r.topic, Number(r.count)])), []),
    topics: [],
    searched: false,
    ranked: false,
  };
}

export type PeriodNav = {
  /** The nearest earlier and later periods of the same kind that have papers, if any. */
  previous: Period | null;
  next: Period | null;
  /** The period's latest day with papers (where its "Day" link goes), or null. */
  lastDay: string | null;
};

/** Where day/week/month navigation can go from `period`: the neighbours that have papers. */
export async function getPeriodNav(period: Period): Promise<PeriodNav> {
  const prisma = getPrisma();
  const [before, after, last] = await Promise.all([
    prisma.appearance.findFirst({
      select: { feedDate: true },
      where: { feedDate: { lt: period.from } },
      orderBy: { feedDate: "desc" },
    }),
    prisma.appearance.findFirst({
      select: { feedDate: true },
      where: { feedDate: { gt: period.to } },
      orderBy: { feedDate: "asc" },
    }),
    prisma.appearance.findFirst({
      select: { feedDate: true },
      where: { feedDate: { gte: period.from, lte: period.to } },
      orderBy: { feedDate: "desc" },
    }),
  ]);
  return {
    lastDay: last?.feedDate ?? null,
    previous: before ? periodContaining(period.kind, before.feedDate) : null,
    next: after ? periodContaining(period.kind, after.feedDate) : null,
  };
}

/** The latest day any feed covered, or null for an empty catalog. */
export async function latestFeedDate(): Promise<string | null> {
  const row = await getPrisma().appearance.findFirst({ select: { feedDate: true }, orderBy: { feedDate: "desc" } });
  return row?.feedDate ?? null;
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
  const hits = similarTo(state.index, doc, limit);
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
  const countOf = (await catalogTotals()).topics;
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
