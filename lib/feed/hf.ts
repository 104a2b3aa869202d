// Parser for the Hugging Face papers API JSON: the daily list
// (/api/daily_papers, an array of items that each wrap a `paper` object) and
// search results (/api/papers/search, items that are the paper itself). Pure:
// takes the decoded text and "today", returns entries for lib/feed/schema.
//
// The API is not a contract we control: fields move between the item and its
// `paper`, appear only on some papers, or come back null. So every field is read
// at both levels (the paper's own value first) and a field of the wrong type is
// dropped instead of costing the paper. Only a file that is not JSON, or not a
// list of papers at all, fails as a whole.
import { z } from "zod";
import { parseIsoDay } from "@/lib/feed/dates";
import { FeedError, noPapers } from "@/lib/feed/errors";
import { MAX_FEED_ENTRIES, tooManyEntries } from "@/lib/feed/limits";
import type { FeedEntry, ParsedFeed, Rejection } from "@/lib/feed/schema";
import { ARXIV_ID } from "@/lib/feed/schema";

export type HfOptions = {
  /** "YYYY-MM-DD": the feed's day, overriding what the items say. */
  date?: string;
  /** "YYYY-MM-DD" today, for items with no trending day. */
  today: string;
};

/** Keys under which a saved response might wrap its list, e.g. {"papers": [...]}. */
const LIST_KEYS = ["papers", "results", "items"] as const;

// Each field catches its own failure: a null githubRepo or a string upvote count
// drops that field, never the paper. Unknown fields are stripped by z.object.
const optionalString = z.string().optional().catch(undefined);
const count = z.number().int().nonnegative().optional().catch(undefined);
/** Authors come as {name, hidden, ...} objects; plain strings are accepted too. A bad one becomes "" and is skipped. */
const author = z.union([z.string(), z.object({ name: z.string() }).transform((a) => a.name)]).catch("");

const paperFields = z.object({
  id: optionalString,
  title: optionalString,
  summary: optionalString,
  authors: z.array(author).optional().catch(undefined),
  /** On the paper: the arXiv publication instant. On a daily item: the instant it trended. */
  publishedAt: optionalString,
  submittedOnDailyAt: optionalString,
  upvotes: count,
  githubStars: count,
  numComments: count,
  githubRepo: optionalString,
  projectPage: optionalString,
  ai_summary: optionalString,
  ai_keywords: z.array(z.string().catch("")).optional().catch(undefined),
});
type PaperFields = z.infer<typeof paperFields>;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a Hugging Face papers file. Throws FeedError when the text is not JSON,
 * is JSON of another shape, or lists no papers. An item that is not an object is
 * rejected on its own; every object becomes an entry for validateEntries.
 */
export function parseHfPapers(text: string, options: HfOptions): ParsedFeed {
  const items = readItems(parseJson(text));
  // Search results never trended, so they are filed under today. A file with any
  // item that wraps a `paper` is a daily list instead: there an item without its
  // day (even a blank one) stays undated and validation reports it, rather than
  // adding today to the days the file covers.
  const daily = items.some((item) => isObject(item) && isObject(item.paper));
  const undatedDay = daily ? undefined : options.today;
  const entries: FeedEntry[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, i) => {
    if (isObject(item)) entries.push(toEntry(item, i + 1, options.date, undatedDay));
    else rejected.push({ entry: i + 1, title: "(no title)", reason: "is not a paper object" });
  });
  // Rank is the position within the item's own day, so a file that spans several
  // days (a saved week, search results) ranks each day from 1.
  const feedDates: string[] = [];
  const ranks = new Map<string | undefined, number>();
  for (const entry of entries) {
    const rank = (ranks.get(entry.feedDate) ?? 0) + 1;
    ranks.set(entry.feedDate, rank);
    entry.rank = rank;
    if (entry.feedDate !== undefined && rank === 1) feedDates.push(entry.feedDate);
  }
  return { entries, rejected, feedDates };
}

/** JSON.parse with a one-line message: V8's own quotes a slice of the file, which may be huge or multi-line. */
function parseJson(text: string): unknown {
  const source = text.replace(/^\uFEFF/, "");
  if (!source.trim()) throw new FeedError("the file is empty");
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new FeedError(`the JSON is incomplete or malformed (${syntaxHint(source, (error as Error).message)})`);
  }
}

function syntaxHint(source: string, message: string): string {
  const end = source.trimEnd().length;
  const position = /position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : undefined;
  if (/end of JSON input/i.test(message) || (at !== undefined && at >= end)) {
    return "it ends too early; was the download cut off?";
  }
  if (at !== undefined) {
    const before = source.slice(0, at).split("\n");
    return `at line ${before.length}, column ${before.at(-1)!.length + 1}`;
  }
  const token = /Unexpected token '(.)'/u.exec(message);
  return token ? `unexpected ${JSON.stringify(token[1])}` : "it could not be read";
}

/** The list of items: the array itself, or an array under one of LIST_KEYS. */
function readItems(json: unknown): unknown[] {
  const notPapers = (what: string) => new FeedError(`the JSON is not a list of Hugging Face papers (${what})`);
  let items: unknown;
  if (Array.isArray(json)) items = json;
  else if (isObject(json)) {
    items = LIST_KEYS.map((key) => json[key]).find(Array.isArray);
    if (!items) throw notPapers(`it is an object without a ${LIST_KEYS.map((k) => `"${k}"`).join(" or ")} list`);
  } else throw notPapers(`it is ${json === null ? "null" : `a ${typeof json}`}`);
  const list = items as unknown[];
  if (list.length === 0) throw noPapers();
  // Before any item is looked at: validating a million tiny items takes a gigabyte.
  if (list.length > MAX_FEED_ENTRIES) throw tooManyEntries(list.length);
  // A list with not one object is some other JSON, not a feed with bad entries.
  if (!list.some(isObject)) throw notPapers("none of its items is an object");
  return list;
}

/**
 * Maps one item, daily (with a nested `paper`) or flat (the paper itself), to an
 * entry. Its feed day is `date` if given, else the day it trended, else `undatedDay`.
 */
function toEntry(item: JsonObject, entry: number, date: string | undefined, undatedDay: string | undefined): FeedEntry {
  const nested = isObject(item.paper);
  const top = paperFields.parse(item);
  const paper = nested ? paperFields.parse(item.paper) : top;
  const arxivId = normalizeArxivId(paper.id ?? top.id);
  // The paper's publishedAt is its arXiv date; the item's (daily only) is the day it trended.
  // submittedOnDailyAt is when it was put on the daily list, so it stands in for a missing trending day.
  const trendedOn =
    (nested ? utcDay(top.publishedAt) : undefined) ??
    utcDay(paper.submittedOnDailyAt) ??
    utcDay(top.submittedOnDailyAt);
  const feedDate = date ?? trendedOn ?? undatedDay;
  return {
    entry,
    source: "hf",
    title: firstText(paper.title, top.title),
    abstract: firstText(paper.summary, top.summary),
    feedDate,
    arxivId,
    authors: firstList(names(paper.authors), names(top.authors)),
    publishedOn: utcDay(paper.publishedAt),
    upvotes: paper.upvotes ?? top.upvotes,
    githubStars: paper.githubStars ?? top.githubStars,
    comments: paper.numComments ?? top.numComments,
    githubRepo: firstText(paper.githubRepo, top.githubRepo),
    projectPage: firstText(paper.projectPage, top.projectPage),
    pdfUrl: arxivId ? `https://arxiv.org/pdf/${arxivId}` : undefined,
    aiSummary: firstText(paper.ai_summary, top.ai_summary),
    keywords: firstList(strings(paper.ai_keywords), strings(top.ai_keywords)),
  };
}

/**
 * The first value that has text in it. A blank paper-level title must not hide a
 * real one on the item; when both are blank the blank one is kept so the
 * schema reports "empty" rather than "missing".
 */
function firstText(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v.trim() !== "") ?? values.find((v) => v !== undefined);
}

function firstList(...lists: (string[] | undefined)[]): string[] | undefined {
  return lists.find((list) => list !== undefined && list.length > 0);
}

/** Author names, hidden authors included (they are still authors), blank names skipped. */
function names(authors: PaperFields["authors"]): string[] | undefined {
  return authors?.filter((name) => name.trim() !== "");
}

function strings(list: string[] | undefined): string[] | undefined {
  return list?.filter((s) => s.trim() !== "");
}

/** "arXiv:2511.01234v2" -> "2511.01234"; anything that is not an arXiv id -> undefined (matched by title). */
function normalizeArxivId(id: string | undefined): string | undefined {
  const bare = id
    ?.trim()
    .replace(/^arxiv:/i, "")
    .replace(/v\d+$/, "");
  return bare && ARXIV_ID.test(bare) ? bare : undefined;
}

/** An ISO day or date-time: a time without an offset is read as UTC. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The UTC calendar day of an API timestamp ("2025-11-04T00:32:11.434Z" ->
 * "2025-11-04"). Only ISO forms are read: Date's lenient parsing would take
 * "11/04" in the machine's time zone and roll "Feb 30" into March.
 */
function utcDay(value: string | undefined): string | undefined {
  const m = value === undefined ? null : ISO_INSTANT.exec(value.trim());
  if (!m || parseIsoDay(m[1]!) === null) return undefined;
  if (!m[2]) return m[1];
  const instant = new Date(`${m[1]}T${m[2]}${m[3] ?? "Z"}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString().slice(0, 10);
}
