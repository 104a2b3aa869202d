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
  appearances: { feedDate: string; source: string; rank: number; upvotes: number | null; githubStars: number | null }[];
  topics: { slug: string; name: string }[];
  keyPhrases: string[];
  updatedOn: string | null;
  upvotes: number | null;
  githubStars: number | null;
  githubRepo: string | null;
  projectPage: string | null;
  pdfUrl: string | null;
  aiSummary: string | null;
  keywords: string[];
  categories: string[];
  doi: string | null;
  comment: string | null;
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
    appearances: paper.appearances.map(({ feedDate, source, rank, upvotes, githubStars }) => ({
      feedDate,
      source,
      rank,
      upvotes,
      githubStars,
    })),
    topics: paper.topics,
    keyPhrases: paper.keyPhrases,
    updatedOn: paper.updatedOn,
    upvotes: paper.upvotes,
    githubStars: paper.githubStars,
    githubRepo: paper.githubRepo,
    projectPage: paper.projectPage,
    pdfUrl: paper.pdfUrl,
    aiSummary: paper.aiSummary,
    keywords: paper.keywords,
    categories: paper.categories,
    doi: paper.doi,
    comment: paper.comment,
    ...(paper.match && { score: Math.round(paper.match.score * 1000) / 1000 }),
    ...(related && {
      related: related.map((r) => ({ slug: r.slug, url: paperUrl(r.slug), title: r.title, shared: r.shared })),
    }),
  };
}
