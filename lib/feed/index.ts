// From a feed's bytes to validated records: decode, detect the format (or take
// the one given), parse, then validate every entry with the one schema. Pure:
// the caller reads the file or URL and writes the catalog.
import { parseArxivAtom } from "@/lib/feed/arxiv";
import { decodeFeedBytes } from "@/lib/feed/decode";
import { detectFormat } from "@/lib/feed/detect";
import { FeedError, noPapers } from "@/lib/feed/errors";
import { parseHfPapers } from "@/lib/feed/hf";
import { validateEntries, type FeedRecord, type FeedSource, type ParsedFeed, type Rejection } from "@/lib/feed/schema";
import { parseTextPage } from "@/lib/feed/text-page";

export type ReadFeedOptions = {
  /** "YYYY-MM-DD": the feed's day, overriding what the page says. */
  date?: string;
  /** "YYYY-MM-DD": today, for resolving year-less dates. */
  today: string;
  /** The format, when the user named it; detected from the content otherwise. */
  format?: FeedSource;
};

const PARSERS: Record<FeedSource, (text: string, options: ReadFeedOptions) => ParsedFeed> = {
  "text-page": parseTextPage,
  hf: parseHfPapers,
  arxiv: parseArxivAtom,
};

export type ReadFeedResult = {
  format: FeedSource;
  records: FeedRecord[];
  rejected: Rejection[];
  feedDates: string[];
};

/**
 * Reads a feed. Bad entries are returned in `rejected` (sorted by entry); a feed
 * that is not text, is malformed, has no papers (FeedError.empty), or has no
 * valid entry throws FeedError.
 */
export function readFeed(bytes: Uint8Array, options: ReadFeedOptions): ReadFeedResult {
  const text = decodeFeedBytes(bytes);
  if (!text.trim()) throw new FeedError("the file is empty");
  const format = options.format ?? detectFormat(text);
  const parsed = PARSERS[format](text, options);
  if (parsed.entries.length === 0 && parsed.rejected.length === 0) throw noPapers();
  const { records, rejected } = validateEntries(parsed.entries);
  const allRejected = [...parsed.rejected, ...rejected].sort((a, b) => a.entry - b.entry);
  if (records.length === 0) {
    const first = allRejected[0];
    const example = first ? `; entry ${first.entry} ${first.reason}` : "";
    throw new FeedError(`no valid paper in the feed (${allRejected.length} rejected${example})`);
  }
  return { format, records, rejected: allRejected, feedDates: parsed.feedDates };
}
