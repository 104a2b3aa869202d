// The listing's URL contract: `q`, `topic`, `sort`, `page` and one period
// (`date`, `week` or `month`) are the whole state of the listing and search page. Page URLs are forgiving (bad values fall back to
// defaults); the JSON API is strict (bad values are a 400 with a message).
// No server-only imports: client components may use it.
import { z } from "zod";
import { periodOf, type Period, type PeriodKind } from "@/lib/periods";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

export const SORTS = ["relevance", "trending", "newest", "title"] as const;
export type Sort = (typeof SORTS)[number];

export const SORT_LABELS: Record<Sort, string> = {
  relevance: "Relevance",
  trending: "Trending",
  newest: "Newest",
  title: "Title A–Z",
};

export const PAGE_SIZE = 20;
export const MAX_API_LIMIT = 100;
/**
 * The longest query searched, in characters after collapsing whitespace: no
 * real query needs more (the search box stops there too), and longer ones
 * would only make search slower. Pages cut a longer `q` and say so; the API
 * refuses it with a 400. (A URL over 16 KB never gets here: Node answers 431.)
 */
export const MAX_QUERY_LENGTH = 200;
const MAX_PAGE = 100_000;

/** At most this many topic filters are taken from a URL. */
export const MAX_TOPICS = 5;

export type ListingParams = {
  q: string;
  sort: Sort;
  page: number;
  topics: string[];
  /** Only papers that trended in this day, week or month; null for all time. */
  period?: Period | null;
};

/** URL parameter names of the periods, in the order they win when several are given. */
export const PERIOD_KINDS: PeriodKind[] = ["date", "week", "month"];

const PERIOD_FORMAT: Record<PeriodKind, string> = { date: "YYYY-MM-DD", week: "YYYY-Www", month: "YYYY-MM" };

/** The first period parameter that is present, parsed; `invalid` names it when its value is not a real period. */
function periodParam(get: (name: string) => string | undefined): { period: Period | null; invalid?: string } {
  for (const kind of PERIOD_KINDS) {
    const value = get(kind)?.trim();
    if (!value) continue;
    const period = periodOf(kind, value.slice(0, 20));
    return period
      ? { period }
      : { period: null, invalid: `${kind} must be a real ${kind === "date" ? "day" : kind} as ${PERIOD_FORMAT[kind]}` };
  }
  return { period: null };
}

/** The default sort: relevance for a search, trending for the listing. */
export const defaultSort = (q: string): Sort => (q ? "relevance" : "trending");

/** Relevance needs a query; without one it means the default listing order. */
const effectiveSort = (q: string, sort: Sort | undefined): Sort =>
  sort === undefined || (sort === "relevance" && !q) ? defaultSort(q) : sort;

export type RawParams = Record<string, string | string[] | undefined>;
export const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
export const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** Known topic slugs, each once, in the order given. */
export const knownTopics = (values: string[]) =>
  [...new Set(values.map((v) => v.trim().toLowerCase()))].filter((v) => TOPIC_BY_SLUG.has(v)).slice(0, MAX_TOPICS);
const collapseSpaces = (s: string) => s.replace(/\s+/g, " ").trim();
export const normalizeQuery = (s: string) => collapseSpaces(s).slice(0, MAX_QUERY_LENGTH).trim();
/** Whether a page's `q` is longer than MAX_QUERY_LENGTH, so only its start was searched (the page says so). */
export const queryWasCut = (raw: RawParams) => collapseSpaces(first(raw.q) ?? "").length > MAX_QUERY_LENGTH;

const pageParamsSchema = z.object({
  q: z.string().transform(normalizeQuery).catch(""),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});

/** Parses page search params. Never throws: anything invalid falls back to its default. */
export function parseListingParams(raw: RawParams): ListingParams {
  const { q, sort, page } = pageParamsSchema.parse({
    q: first(raw.q) ?? "",
    sort: first(raw.sort),
    page: first(raw.page) ?? 1,
  });
  // Unknown topics and impossible days are dropped rather than shown as an error: the listing still makes sense.
  const { period } = periodParam((name) => first(raw[name]));
  return { q, sort: effectiveSort(q, sort), page, topics: knownTopics(all(raw.topic)), period };
}

/** The URL of a listing state; defaults are left out, so equal states have equal URLs. */
export function listingHref(state: ListingParams): string {
  const query = listingQuery(state);
  return query ? `/?${query}` : "/";
}

/** The query string of a listing state (no "?"), shared by the page and its Atom feed. */
export function listingQuery({ q, sort, page, topics, period }: ListingParams): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const topic of topics) params.append("topic", topic);
  if (period) params.set(period.kind, period.value);
  if (sort !== defaultSort(q)) params.set("sort", sort);
  if (page > 1) params.set("page", String(page));
  return params.toString();
}

/** The Atom feed of a listing: the same papers, newest listing state, no page or sort. */
export function feedHref(state: ListingParams): string {
  const query = listingQuery({ ...state, page: 1, sort: defaultSort(state.q) });
  return query ? `/feed.xml?${query}` : "/feed.xml";
}

/** The digest form, prefilled with a listing's search and topics. */
export function subscribeHref({ q, topics }: Pick<ListingParams, "q" | "topics">): string {
  const query = listingQuery({ q, topics, sort: defaultSort(q), page: 1 });
  return query ? `/subscribe?${query}` : "/subscribe";
}

const apiParamsSchema = z.object({
  q: z
    .string()
    .transform(collapseSpaces)
    .pipe(z.string().max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`))
    .default(""),
  sort: z.enum(SORTS, { error: `sort must be one of ${SORTS.join(", ")}` }).optional(),
  page: z.coerce
    .number({ error: "page must be a whole number from 1" })
    .int("page must be a whole number from 1")
    .min(1, "page must be a whole number from 1")
    .max(MAX_PAGE, `page must be at most ${MAX_PAGE}`)
    .default(1),
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${MAX_API_LIMIT}` })
    .int(`limit must be a whole number from 1 to ${MAX_API_LIMIT}`)
    .min(1, `limit must be a whole number from 1 to ${MAX_API_LIMIT}`)
    .max(MAX_API_LIMIT, `limit must be a whole number from 1 to ${MAX_API_LIMIT}`)
    .default(PAGE_SIZE),
});

export type ApiListingParams = ListingParams & { limit: number };

/** `topic:<slug>` written in a query (see lib/search/query.ts), case-insensitive. */
const topicToken = (slug: string) => new RegExp(`(^|\\s)topic:${slug}(?=\\s|$)`, "gi");

/**
 * The listing with one topic filter added or removed (a new filter starts again
 * at page 1). A filter may come from ?topic= or from topic:<slug> in the query;
 * removing it removes it from either.
 */
export function toggleTopic(params: ListingParams, slug: string): ListingParams {
  const inQuery = topicToken(slug).test(params.q);
  if (params.topics.includes(slug) || inQuery) {
    const q = params.q.replace(topicToken(slug), " ").replace(/\s+/g, " ").trim();
    return { ...params, q, topics: params.topics.filter((t) => t !== slug), page: 1 };
  }
  return { ...params, topics: [...params.topics, slug], page: 1 };
}

/** Parses /api/papers query params strictly: a one-line error message, or the params. */
export function parseApiParams(
  search: URLSearchParams,
): { ok: true; params: ApiListingParams } | { ok: false; error: string } {
  const raw: Record<string, string> = {};
  for (const key of ["q", "sort", "page", "limit"] as const) {
    const value = search.get(key);
    // An empty value ("?page=") means "not given", as in an HTML form.
    if (value !== null && value !== "") raw[key] = value;
  }
  const parsed = apiParamsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "invalid query parameters" };
  const topics = search.getAll("topic").map((t) => t.trim().toLowerCase());
  const unknown = topics.find((t) => !TOPIC_BY_SLUG.has(t));
  if (unknown !== undefined) return { ok: false, error: `unknown topic "${unknown}"; GET /api/topics lists them` };
  if (new Set(topics).size > MAX_TOPICS) return { ok: false, error: `at most ${MAX_TOPICS} topics` };
  const { period, invalid } = periodParam((name) => search.get(name) ?? undefined);
  if (invalid) return { ok: false, error: invalid };
  const { q, sort, page, limit } = parsed.data;
  return { ok: true, params: { q, sort: effectiveSort(q, sort), page, limit, topics: [...new Set(topics)], period } };
}
