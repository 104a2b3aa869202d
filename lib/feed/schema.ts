// The one contract between every feed parser and the catalog: what a paper must
// be before it may touch the database. Parsers produce FeedEntry values; this
// module validates them with zod, one by one, so a bad entry is rejected with a
// reason and the others go through. Pure: no I/O.
import { z } from "zod";
import { parseIsoDay } from "@/lib/feed/dates";
import { cleanLine } from "@/lib/text/clean";
import { titleKey } from "@/lib/text/identity";

export const FEED_SOURCES = ["text-page", "hf", "arxiv"] as const;
export type FeedSource = (typeof FEED_SOURCES)[number];

/**
 * When two sources disagree on a paper's title or abstract, the higher one wins:
 * arXiv is the authors' own metadata, the Hugging Face API copies it, and a
 * trending page is text copied from a browser.
 */
export const SOURCE_PRIORITY: Record<FeedSource, number> = { "text-page": 1, hf: 2, arxiv: 3 };

export const MAX_TITLE_LENGTH = 500;
export const MAX_ABSTRACT_LENGTH = 100_000;

/** What a parser read for one entry, before validation. Fields a source lacks stay undefined. */
export type FeedEntry = {
  /** 1-based position of the entry in the file, for messages. */
  entry: number;
  /** 1-based line of the entry's first line in the file, for messages. */
  line?: number;
  source: FeedSource;
  title?: string;
  abstract?: string;
  feedDate?: string;
  rank?: number;
  arxivId?: string;
  authors?: string[];
  /** Day the paper was first published (arXiv v1), "YYYY-MM-DD". */
  publishedOn?: string;
  /** Day of the paper's latest arXiv version, "YYYY-MM-DD". */
  updatedOn?: string;
  /** Popularity on the feed's day, when the source reports it. */
  upvotes?: number;
  githubStars?: number;
  comments?: number;
  /** http(s) URLs. */
  githubRepo?: string;
  projectPage?: string;
  pdfUrl?: string;
  /** A machine-written one-paragraph summary (Hugging Face's ai_summary). */
  aiSummary?: string;
  /** Keywords from the source (Hugging Face's ai_keywords). */
  keywords?: string[];
  /** arXiv categories, primary first, e.g. ["cs.CL", "cs.LG"]. */
  categories?: string[];
  doi?: string;
  /** The authors' arXiv comment, e.g. "12 pages, 4 figures; ICLR 2026". */
  comment?: string;
};

/** An entry that will not be ingested, and why. */
export type Rejection = { entry: number; line?: number; title: string; reason: string };

/** What every format's parser returns (lib/feed/text-page.ts, hf.ts, arxiv.ts). */
export type ParsedFeed = {
  entries: FeedEntry[];
  /** Parts the parser could not make into an entry at all. */
  rejected: Rejection[];
  /** The feed days found, in order of first appearance. */
  feedDates: string[];
};

const day = (what: string) =>
  z
    .string({ error: `has no ${what}` })
    .refine((s) => parseIsoDay(s) !== null, `has an invalid ${what} (want YYYY-MM-DD)`);

/** Paragraphs separated by blank lines, each cleaned like a line. */
function cleanParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map(cleanLine)
    .filter(Boolean)
    .join("\n\n");
}

/** A popularity figure: a whole number from 0 up. */
const count = z.number().int().nonnegative();

/**
 * Optional fields a source may fill badly: a value that is not a usable http(s)
 * URL or text is dropped (the paper still goes in), never an error for the entry.
 */
const optionalUrl = z
  .string()
  .optional()
  .transform((value) => {
    const url = value?.trim();
    if (!url || url.length > 2000) return undefined;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
    } catch {
      return undefined;
    }
  });

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => {
      const text = value === undefined ? "" : cleanParagraphs(value);
      return text && text.length <= max ? text : undefined;
    });

/** New-style (2401.12345) and old-style (cs/0112017, math.GT/0309136) arXiv ids, without version. */
export const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

export const feedRecordSchema = z.object({
  source: z.enum(FEED_SOURCES),
  title: z
    .string({ error: "has no title" })
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .min(1, "has an empty title")
        .max(MAX_TITLE_LENGTH, `has a title longer than ${MAX_TITLE_LENGTH} characters`)
        .refine((t) => titleKey(t) !== "", "has a title with no letters or digits"),
    ),
  abstract: z
    .string({ error: "has no abstract" })
    .transform(cleanParagraphs)
    .pipe(
      z
        .string()
        .min(1, "has an empty abstract")
        .max(MAX_ABSTRACT_LENGTH, `has an abstract longer than ${MAX_ABSTRACT_LENGTH.toLocaleString("en")} characters`),
    ),
  feedDate: day("feed date"),
  rank: z.number({ error: "has no rank" }).int().positive("has a rank below 1"),
  arxivId: z.string().trim().regex(ARXIV_ID, "has an invalid arXiv id (want e.g. 2401.12345)").optional(),
  authors: z
    .array(z.string().transform(cleanLine).pipe(z.string().min(1)))
    .max(5000)
    .default([]),
  publishedOn: day("publication date").optional(),
  updatedOn: day("update date").optional(),
  upvotes: count.optional(),
  githubStars: count.optional(),
  comments: count.optional(),
  githubRepo: optionalUrl,
  projectPage: optionalUrl,
  pdfUrl: optionalUrl,
  aiSummary: optionalText(MAX_ABSTRACT_LENGTH),
  keywords: z
    .array(z.string().transform(cleanLine))
    .max(200)
    .transform((words) => [...new Set(words.filter((w) => w && w.length <= 100))])
    .default([]),
  categories: z
    .array(z.string().trim())
    .max(50)
    // Something that is not a category name is dropped, not a reason to lose the paper.
    .transform((c) => [...new Set(c.filter((name) => /^[A-Za-z][A-Za-z.-]{0,39}$/.test(name)))])
    .default([]),
  doi: optionalText(200),
  comment: optionalText(2000),
});

/** A validated paper record, ready for the catalog. */
export type FeedRecord = z.infer<typeof feedRecordSchema> & {
  /** Identity within the catalog: "arxiv:<id>" or "title:<titleKey>". */
  key: string;
  titleKey: string;
  entry: number;
};

/** The identity a record is matched by: its arXiv id when known, else its normalised title. */
export function recordKey(record: { arxivId?: string; titleKey: string }): string {
  return record.arxivId ? `arxiv:${record.arxivId}` : `title:${record.titleKey}`;
}

/** A short, single-line title for messages. */
export function titleForMessage(title: unknown): string {
  if (typeof title !== "string") return "(no title)";
  const line = cleanLine(title);
  if (!line) return "(no title)";
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/**
 * Validates each entry on its own. Bad entries and repeats of an earlier entry
 * (same arXiv id or same normalised title on the same day) are rejected with a
 * reason; the rest are returned in order.
 */
export function validateEntries(entries: FeedEntry[]): { records: FeedRecord[]; rejected: Rejection[] } {
  const records: FeedRecord[] = [];
  const rejected: Rejection[] = [];
  const firstEntryBy = new Map<string, number>();
  for (const entry of entries) {
    const reject = (reason: string) =>
      rejected.push({ entry: entry.entry, line: entry.line, title: titleForMessage(entry.title), reason });
    const parsed = feedRecordSchema.safeParse(entry);
    if (!parsed.success) {
      reject(parsed.error.issues[0]?.message ?? "is invalid");
      continue;
    }
    const tk = titleKey(parsed.data.title);
    const key = recordKey({ arxivId: parsed.data.arxivId, titleKey: tk });
    const seen = firstEntryBy.get(`${key}@${parsed.data.feedDate}`);
    if (seen !== undefined) {
      reject(`repeats entry ${seen}`);
      continue;
    }
    firstEntryBy.set(`${key}@${parsed.data.feedDate}`, entry.entry);
    records.push({ ...parsed.data, key, titleKey: tk, entry: entry.entry });
  }
  return { records, rejected };
}
