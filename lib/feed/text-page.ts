// Parser for the text of a trending-papers page: a few header lines, a date line
// such as "Mar 11", then for each paper a title line and an abstract paragraph.
// Pure: takes the decoded text and "today", returns entries for lib/feed/schema.
//
// Pages arrive copied from browsers, so the parser does not trust strict
// alternation: a title is a short paragraph (at most 300 characters) that does
// not end like a sentence; its abstract is the paragraphs after it up to the
// next short one. A title whose abstract is missing is reported on its own
// instead of shifting every later pair by one.
import { FeedError } from "@/lib/feed/errors";
import { MAX_FEED_ENTRIES, tooManyEntries } from "@/lib/feed/limits";
import { parseMonthDay, resolveMonthDay, type MonthDay } from "@/lib/feed/dates";
import type { FeedEntry, ParsedFeed, Rejection } from "@/lib/feed/schema";
import { titleForMessage } from "@/lib/feed/schema";
import { cleanDocument } from "@/lib/text/clean";

export type TextPageOptions = {
  /** "YYYY-MM-DD": overrides the page's date line. */
  date?: string;
  /** "YYYY-MM-DD": the day a year-less date line is resolved against (its latest past occurrence). */
  today: string;
};

/** Titles are short; real ones stay well under this. Longer paragraphs are abstracts. */
const MAX_TITLE_CHARS = 300;

type Paragraph = { text: string; line: number };
type Section = { date: MonthDay; dateLine: string; paragraphs: Paragraph[] };

/** A paragraph that reads like a title: short, and not ending like a sentence. */
function isTitleLike(text: string): boolean {
  return text.length <= MAX_TITLE_CHARS && !/[.;,:]["')\]]?$/.test(text);
}

/** Splits the page into the header (ignored) and one section per date line. */
function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  cleanDocument(text)
    .split("\n")
    .forEach((raw, i) => {
      if (!raw) return;
      const date = parseMonthDay(raw);
      if (date) {
        if (!date.valid) throw new FeedError(`the date line "${raw}" is not a real day`);
        sections.push({ date, dateLine: raw, paragraphs: [] });
      } else {
        // Lines before the first date line are the page header, never papers.
        sections.at(-1)?.paragraphs.push({ text: raw, line: i + 1 });
      }
    });
  return sections;
}

/**
 * Parses a trending page. Throws FeedError when the page has no date line or no
 * paper at all, or when `date` is given for a page with several days.
 */
export function parseTextPage(text: string, options: TextPageOptions): ParsedFeed {
  const sections = splitSections(text);
  if (sections.length === 0) {
    throw new FeedError('no date line such as "Mar 11" was found; is this a trending-papers page?');
  }
  if (options.date && sections.length > 1) {
    throw new FeedError(`--date cannot be used with a page that lists ${sections.length} days`);
  }
  const entries: FeedEntry[] = [];
  const rejected: Rejection[] = [];
  const feedDates: string[] = [];
  for (const section of sections) {
    const feedDate = options.date ?? resolveMonthDay(section.date, options.today);
    feedDates.push(feedDate);
    // Rank is the position on the page, so a rejected neighbour does not move anyone up.
    let rank = 0;
    for (const item of pairParagraphs(section.paragraphs)) {
      rank++;
      const entry = entries.length + rejected.length + 1;
      if (entry > MAX_FEED_ENTRIES) throw tooManyEntries();
      if (item.kind === "orphan") {
        rejected.push({
          entry,
          line: item.text.line,
          title: titleForMessage(item.text.text),
          reason: "is a paragraph without a title line before it",
        });
        continue;
      }
      entries.push({
        entry,
        line: item.title.line,
        source: "text-page",
        title: item.title.text,
        abstract: item.abstract.length ? item.abstract.map((p) => p.text).join("\n\n") : undefined,
        feedDate,
        rank,
      });
    }
  }
  if (entries.length === 0 && rejected.length === 0) {
    throw new FeedError("the page has a date line but no papers after it");
  }
  return { entries, rejected, feedDates };
}

type Item = { kind: "paper"; title: Paragraph; abstract: Paragraph[] } | { kind: "orphan"; text: Paragraph };

/** Pairs a section's paragraphs into papers (title + abstract paragraphs) and orphans. */
function* pairParagraphs(paragraphs: Paragraph[]): Generator<Item> {
  let i = 0;
  while (i < paragraphs.length) {
    const title = paragraphs[i++]!;
    if (title.text.length > MAX_TITLE_CHARS) {
      yield { kind: "orphan", text: title };
      continue;
    }
    const abstract: Paragraph[] = [];
    while (i < paragraphs.length) {
      const next = paragraphs[i]!;
      if (abstract.length === 0) {
        // Another title-like line is the next paper: this title lost its abstract.
        if (isTitleLike(next.text)) break;
      } else if (next.text.length <= MAX_TITLE_CHARS) {
        break; // the next title; longer paragraphs continue a multi-paragraph abstract
      }
      abstract.push(next);
      i++;
    }
    yield { kind: "paper", title, abstract };
  }
}
