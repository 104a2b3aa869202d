// One paper in a listing: title (a link to its page), the opening lines of its
// abstract (or, for a search, the sentence that matches best), the day it
// trended and its rank, its topics, a Code badge when it links to code, and the
// bookmark toggle. `children` go below (the shelf adds the note and tags there).
import Link from "next/link";
import { BookmarkButton } from "@/components/bookmark-button";
import { RichText } from "@/components/rich-text";
import { TopicChips } from "@/components/topic-chips";
import type { PaperView } from "@/lib/catalog";
import { formatDay } from "@/lib/feed/dates";
import { bestDayIn, type Period } from "@/lib/periods";
import { excerpt } from "@/lib/text/excerpt";
import { parseRichText, plainText } from "@/lib/text/rich-text";

const EXCERPT_CHARS = 320;

type Props = {
  paper: PaperView;
  /** On a day, week or month listing: show the paper's best day in it, not its latest day overall. */
  period?: Pick<Period, "from" | "to"> | null;
  terms?: ReadonlySet<string>;
  bookmarked: boolean;
  children?: React.ReactNode;
};

export function PaperCard({ paper, terms, bookmarked, period, children }: Props) {
  const lines = excerpt(parseRichText(paper.abstract), EXCERPT_CHARS, terms);
  const shown = (period && bestDayIn(paper.appearances, period)) || {
    feedDate: paper.lastFeedDate,
    rank: paper.lastRank,
    upvotes: paper.upvotes,
  };
  return (
    <article className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-base font-semibold leading-snug sm:text-lg">
        <Link
          href={`/papers/${paper.slug}`}
          className="text-zinc-900 hover:text-indigo-700 hover:underline dark:text-zinc-50 dark:hover:text-indigo-300"
        >
          <RichText text={paper.title} terms={terms} links={false} />
        </Link>
      </h2>
      <p className="mt-2 line-clamp-4 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        <RichText text={lines} terms={terms} links={false} />
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <BookmarkButton paperId={paper.id} bookmarked={bookmarked} title={plainText(paper.title)} />
        <span>
          Trending <time dateTime={shown.feedDate}>{formatDay(shown.feedDate)}</time>, #{shown.rank}
          {shown.upvotes !== null && ` · ${shown.upvotes.toLocaleString("en-US")} upvotes`}
        </span>
        <TopicChips topics={paper.topics} />
        {paper.hasCode && (
          <span className="rounded-full border border-emerald-300 bg-emerald-50 px-2 py-0.5 font-medium text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-300">
            Code
          </span>
        )}
      </div>
      {children}
    </article>
  );
}
