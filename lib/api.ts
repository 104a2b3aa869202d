// The JSON shape of a paper in /api/papers and /api/papers/[slug]: the fields
// the detail page shows, feed text as plain JSON strings (never HTML).
import type { PaperView, RelatedPaper, SearchMatch } from "@/lib/catalog";

export type ApiPaper = {
  slug: string;
  url: string;
  title: string;
  abstract: string;
  arxivId: string | null;
  authors: string[];
  publishedOn: string | null;
  links: PaperView["links"];
  hasCode: boolean;
  firstFeedDate: string;
  lastFeedDate: string;
  lastRank: number;
  appearances: { feedDate: string; rank: number }[];
  topics: { slug: string; name: string }[];
  keyPhrases: string[];
  score?: number;
  related?: { slug: string; url: string; title: string; shared: string[] }[];
};

const paperUrl = (slug: string) => `/papers/${slug}`;

export function toApiPaper(paper: PaperView & { match?: SearchMatch }, related?: RelatedPaper[]): ApiPaper {
  return {
    slug: paper.slug,
    url: paperUrl(paper.slug),
    title: paper.title,
    abstract: paper.abstract,
    arxivId: paper.arxivId,
    authors: paper.authors,
    publishedOn: paper.publishedOn,
    links: paper.links,
    hasCode: paper.hasCode,
    firstFeedDate: paper.firstFeedDate,
    lastFeedDate: paper.lastFeedDate,
    lastRank: paper.lastRank,
    appearances: paper.appearances.map(({ feedDate, rank }) => ({ feedDate, rank })),
    topics: paper.topics,
    keyPhrases: paper.keyPhrases,
    ...(paper.match && { score: Math.round(paper.match.score * 1000) / 1000 }),
    ...(related && {
      related: related.map((r) => ({ slug: r.slug, url: paperUrl(r.slug), title: r.title, shared: r.shared })),
    }),
  };
}
