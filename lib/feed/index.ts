// From a feed file's bytes to validated records: decode, parse (by format), then
// validate every entry with the one schema. Pure: the caller reads the file and
// writes the catalog. Later formats (Hugging Face JSON, arXiv Atom) plug in here.
import { decodeFeedBytes } from "@/lib/feed/decode";
import { FeedError } from "@/lib/feed/errors";
import { validateEntries, type FeedRecord, type FeedSource, type Rejection } from "@/lib/feed/schema";
import { parseTextPage } from "@/lib/feed/text-page";

export type ReadFeedOptions = {
  /** "YYYY-MM-DD": the feed's day, overriding what the page says. */
  date?: string;
  /** "YYYY-MM-DD": today, for resolving year-less dates. */
  today: string;
};

export type ReadFeedResult = {
  format: FeedSource;
  records: FeedRecord[];
  rejected: Rejection[];
  feedDates: string[];
};

/**
 * Reads a feed. Bad entries are returned in `rejected` (sorted by entry); a feed
 * that is not text, has no papers, or has no valid entry throws FeedError.
 */
export function readFeed(bytes: Uint8Array, options: ReadFeedOptions): ReadFeedResult {
  const text = decodeFeedBytes(bytes);
  if (!text.trim()) throw new FeedError("the file is empty");
  const parsed = parseTextPage(text, options);
  const { records, rejected } = validateEntries(parsed.entries);
  const allRejected = [...parsed.rejected, ...rejected].sort((a, b) => a.entry - b.entry);
  if (records.length === 0) {
    const first = allRejected[0];
    const example = first ? `; entry ${first.entry} ${first.reason}` : "";
    throw new FeedError(`no valid paper in the feed (${allRejected.length} rejected${example})`);
  }
  return { format: "text-page", records, rejected: allRejected, feedDates: parsed.feedDates };
}
