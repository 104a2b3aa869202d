// Atom feeds of listings (/feed.xml): the same papers a listing shows, as an
// Atom 1.0 document built with the `feed` library. Pure: takes papers and URLs.
//
// `feed` writes entry titles, summaries and content as type="html" CDATA, so feed
// text (untrusted) is escaped here first: a reader then shows "<script>" in a
// title as those characters, never as markup. Plain-text elements (the feed's
// title, author names) are escaped by the library itself.
import { Feed } from "feed";
import type { PaperView } from "@/lib/catalog";
import { plainText } from "@/lib/text/rich-text";

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage return). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text for an Atom type="html" element: escaped so it reads back as this exact text. */
export function htmlText(text: string): string {
  return text
    .replace(XML_INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const dayToDate = (day: string) => new Date(`${day}T00:00:00Z`);

export type AtomFeedInput = {
  /** Base URL of the app, without a trailing slash. */
  site: string;
  /** The feed's own URL (rel="self") and the page it mirrors (rel="alternate"). */
  selfUrl: string;
  pageUrl: string;
  title: string;
  papers: PaperView[];
};

export function buildAtomFeed({ site, selfUrl, pageUrl, title, papers }: AtomFeedInput): string {
  // A feed's <updated> is its newest entry's; an empty feed says when it was made.
  const updated = papers.reduce<string | null>((max, p) => (!max || p.lastFeedDate > max ? p.lastFeedDate : max), null);
  const feed = new Feed({
    id: selfUrl,
    title: title.replace(XML_INVALID, ""),
    link: pageUrl,
    feedLinks: { atom: selfUrl },
    updated: updated ? dayToDate(updated) : new Date(),
    generator: "Papershelf",
    language: "en",
    favicon: `${site}/icon.svg`,
  });
  for (const paper of papers) {
    const link = `${site}/papers/${paper.slug}`;
    const abstract = plainText(paper.abstract);
    feed.addItem({
      id: link,
      title: htmlText(plainText(paper.title)),
      link,
      date: dayToDate(paper.lastFeedDate),
      ...(paper.publishedOn && { published: dayToDate(paper.publishedOn) }),
      description: htmlText(abstract.length > 600 ? `${abstract.slice(0, 597).trimEnd()}…` : abstract),
      content: htmlText(abstract),
      author: paper.authors.slice(0, 20).map((name) => ({ name: name.replace(XML_INVALID, "") })),
      category: paper.topics.map((t) => ({ term: t.slug, name: t.name, scheme: `${site}/topics` })),
    });
  }
  return feed.atom1();
}
