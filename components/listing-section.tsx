// The frame shared by the trending listing and search results: heading, count,
// sort links, then either the page of papers with page links or an empty state.
import { Pagination } from "@/components/pagination";
import { PaperList } from "@/components/paper-list";
import { SortLinks } from "@/components/sort-links";
import type { Page, PaperView, SearchMatch } from "@/lib/catalog";
import { PAGE_SIZE, type ListingParams } from "@/lib/listing-params";

type Props = {
  title: string;
  /** The count line under the heading ("94 papers"); announced to screen readers when it changes. */
  count: string;
  params: ListingParams;
  result: Page<PaperView & { match?: SearchMatch }>;
  /** Shown above the results (a notice about them). */
  notice?: React.ReactNode;
  /** Shown instead of results when there are none. */
  empty: React.ReactNode;
};

export function ListingSection({ title, count, params, result, notice, empty }: Props) {
  const shown = { ...params, page: result.page };
  return (
    <section aria-labelledby="listing-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="listing-title" className="text-2xl font-bold tracking-tight">
            {title}
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="result-count">
            {count}
            {result.pageCount > 1 && ` · page ${result.page} of ${result.pageCount}`}
          </p>
        </div>
        {result.total > 0 && <SortLinks params={shown} />}
      </div>
      {result.total > 0 && notice}
      {result.total === 0 ? (
        empty
      ) : (
        <>
          <PaperList items={result.items} start={(result.page - 1) * PAGE_SIZE + 1} />
          <Pagination params={shown} pageCount={result.pageCount} />
        </>
      )}
    </section>
  );
}
