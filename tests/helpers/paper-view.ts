// A PaperView for rendering and feed tests: a paper with nothing but a title,
// an abstract and one trending day, plus whatever the test overrides.
import type { PaperView } from "@/lib/catalog";

export function paperView(overrides: Partial<PaperView> = {}): PaperView {
  return {
    id: 1,
    slug: "a-paper",
    title: "A paper",
    abstract: "An abstract.",
    arxivId: null,
    authors: [],
    publishedOn: null,
    links: [],
    hasCode: false,
    firstFeedDate: "2026-11-16",
    lastFeedDate: "2026-11-16",
    lastRank: 1,
    appearances: [],
    topics: [],
    keyPhrases: [],
    updatedOn: null,
    upvotes: null,
    githubStars: null,
    githubRepo: null,
    projectPage: null,
    pdfUrl: null,
    aiSummary: null,
    keywords: [],
    categories: [],
    doi: null,
    comment: null,
    ...overrides,
  };
}
