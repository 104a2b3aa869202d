// The one contract between every feed parser and the catalog: what a paper must
// be before it may touch the database. Parsers produce FeedEntry values; this
// module validates them with zod, one by one, so a bad entry is rejected with a
// reason and the others go through. Pure: no I/O.
import { z } from "zod";
import { parseIsoDay } from "@/lib/feed/dates";
import { cleanLine } from "@/lib/text/clean";
import { titleKey } from "@/lib/text/identity";

export const FEED_SOURCES = ["text-page"] as const;
export type FeedSource = (typeof FEED_SOURCES)[number];

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
  publishedOn?: string;
};

/** An entry that will not be ingested, and why. */
export type Rejection = { entry: number; line?: number; title: string; reason: string };

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
  arxivId: z
    .string()
    .trim()
    .regex(/^\d{4}\.\d{4,5}$/, "has an invalid arXiv id (want e.g. 2401.12345)")
    .optional(),
  authors: z
    .array(z.string().transform(cleanLine).pipe(z.string().min(1)))
    .max(5000)
    .default([]),
  publishedOn: day("publication date").optional(),
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
