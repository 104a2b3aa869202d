// "/papers/[slug]": one paper in full: title, authors, what arXiv and Hugging
// Face say about it (dates, categories, upvotes, code, DOI...), links as buttons,
// the whole abstract (URLs linked, math rendered), Hugging Face's AI summary,
// when it trended (chart and list), and related papers.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AiSummary } from "@/components/ai-summary";
import { AuthorList } from "@/components/author-list";
import { BookmarkButton } from "@/components/bookmark-button";
import { LinkButtons } from "@/components/link-buttons";
import { PageShell } from "@/components/page-shell";
import { PaperFacts } from "@/components/paper-facts";
import { RelatedPapers } from "@/components/related-papers";
import { RichText } from "@/components/rich-text";
import { TopicChips } from "@/components/topic-chips";
import { TrendHistory } from "@/components/trend-history";
import { bookmarkedPaperIds } from "@/lib/bookmarks";
import { getPaperBySlug } from "@/lib/catalog";
import { listingHref } from "@/lib/listing-params";
import { plainText } from "@/lib/text/rich-text";
import { slugSchema } from "@/lib/slug";
import { currentVisitorId } from "@/lib/visitor";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

async function loadPaper(params: Props["params"]) {
  const slug = slugSchema.safeParse((await params).slug);
  return slug.success ? getPaperBySlug(slug.data) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const paper = await loadPaper(params);
  if (!paper) return { title: "Paper not found" };
  const title = plainText(paper.title);
  const description =
    plainText(paper.abstract)
      .slice(0, 200)
      .replace(/\s+\S*$/, "") + "…";
  return {
    title,
    description,
    openGraph: { title, description, type: "article" },
    // Google Scholar / Zotero read these to cite the paper.
    other: {
      citation_title: title,
      ...(paper.authors.length && { citation_author: paper.authors }),
      ...(paper.publishedOn && { citation_publication_date: paper.publishedOn.replaceAll("-", "/") }),
      ...(paper.arxivId && { citation_arxiv_id: paper.arxivId }),
    },
  };
}

export default async function PaperPage({ params }: Props) {
  const paper = await loadPaper(params);
  if (!paper) notFound();
  const paragraphs = paper.abstract.split("\n\n");
  const bookmarked = (await bookmarkedPaperIds(await currentVisitorId(), [paper.id])).has(paper.id);
  return (
    <PageShell>
      <article className="mx-auto max-w-3xl">
        <p className="text-sm">
          <Link href="/" className="text-indigo-700 hover:underline dark:text-indigo-300">
            ← All papers
          </Link>
        </p>
        <h1 className="mt-3 text-2xl font-bold leading-tight tracking-tight sm:text-3xl">
          <RichText text={paper.title} />
        </h1>
        <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          <AuthorList authors={paper.authors} />
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <BookmarkButton paperId={paper.id} bookmarked={bookmarked} title={plainText(paper.title)} />
          <a
            href={`/papers/${paper.slug}/bibtex`}
            download
            className="inline-flex items-center rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            BibTeX
          </a>
          <TopicChips topics={paper.topics} />
        </div>
        <PaperFacts paper={paper} />
        <LinkButtons links={paper.links} />
        <section aria-labelledby="abstract-title" className="mt-6">
          <h2 id="abstract-title" className="text-lg font-semibold">
            Abstract
          </h2>
          <div className="mt-2 space-y-3 leading-relaxed text-zinc-800 dark:text-zinc-200">
            {paragraphs.map((p, i) => (
              <p key={i} className="break-words">
                <RichText text={p} />
              </p>
            ))}
          </div>
        </section>
        <AiSummary summary={paper.aiSummary} />
        {paper.keyPhrases.length > 0 && (
          <section aria-labelledby="phrases-title" className="mt-6">
            <h2 id="phrases-title" className="text-lg font-semibold">
              Key phrases
            </h2>
            <ul className="mt-2 flex flex-wrap gap-2 text-sm">
              {paper.keyPhrases.map((phrase) => (
                <li key={phrase}>
                  <Link
                    href={listingHref({ q: `"${phrase}"`, sort: "relevance", page: 1, topics: [] })}
                    className="inline-block rounded-md border border-zinc-200 bg-white px-2 py-1 hover:border-indigo-400 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500"
                  >
                    {phrase}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
        <TrendHistory appearances={paper.appearances} />
        <RelatedPapers paper={paper} />
      </article>
    </PageShell>
  );
}
