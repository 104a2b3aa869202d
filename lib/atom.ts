// Atom feeds of listings (/feed.xml): the same papers a listing shows, as an
// Atom 1.0 document built with the `feed` library. Pure: takes papers and URLs.
//
// `feed` writes entry titles, summaries and content as type="html" CDATA, so feed
// text (untrusted) is escaped here first: a reader then shows "<script>" in a
// title as those characters, never as markup. Plain-text elements (the feed's
// title, author names) are escaped by the library's XML writer, xml-js, which
// first turns every "&amp;" back into "&" ("to avoid double sanitization"): so
// their "&" is escaped here once more (xmlText), or a literal "&amp;" would be lost.
import { Feed } from "feed";
import type { PaperView } from "@/lib/catalog";
import { escapeHtml, XML_INVALID } from "@/lib/text/escape-html";
import { plainText } from "@/lib/text/rich-text";

/** Text for an Atom type="html" element: escaped so it reads back as this exact text. */
export const htmlText = escapeHtml;

/** Text for a plain-text element written by xml-js (see the note at the top): reads back as this exact text. */
const xmlText = (text: string) => text.replace(XML_INVALID, "").replace(/&/g, "&amp;");

/** At most `max` UTF-16 units of `text`, never ending in the first half of a surrogate pair. */
function cutAt(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
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
    title: xmlText(title),
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
      description: htmlText(abstract.length > 600 ? `${cutAt(abstract, 597).trimEnd()}…` : abstract),
      content: htmlText(abstract),
      author: paper.authors.slice(0, 20).map((name) => ({ name: xmlText(name) })),
      category: paper.topics.map((t) => ({ term: t.slug, name: t.name, scheme: `${site}/topics` })),
    });
  }
  return feed.atom1();
}
