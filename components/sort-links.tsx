// The sort choices of a listing as links (the sort lives in the URL). A new sort
// starts again at page 1 and keeps the query; relevance is offered only for a search.
import Link from "next/link";
import clsx from "clsx";
import { listingHref, SORT_LABELS, SORTS, type ListingParams } from "@/lib/listing-params";

/** `relevance` is offered only when the results are ranked (a search with words, not just filters). */
export function SortLinks({ params, relevance = Boolean(params.q) }: { params: ListingParams; relevance?: boolean }) {
  const sorts = SORTS.filter((s) => s !== "relevance" || relevance);
  return (
    <nav aria-label="Sort" className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-1 text-zinc-600 max-sm:sr-only dark:text-zinc-400">Sort:</span>
      {sorts.map((sort) => (
        <Link
          key={sort}
          href={listingHref({ ...params, sort, page: 1 })}
          aria-current={sort === params.sort ? "true" : undefined}
          className={clsx(
            "rounded-md px-2 py-1",
            sort === params.sort
              ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
              : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800",
          )}
        >
          {SORT_LABELS[sort]}
        </Link>
      ))}
    </nav>
  );
}
