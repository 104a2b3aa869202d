// Search results for ?q=: how many matched, the ranked (or re-sorted) page of
// papers with matched words highlighted, page links, and an empty state that
// says what to try when nothing matched.
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { PaperList } from "@/components/paper-list";
import { SortLinks } from "@/components/sort-links";
import { searchPapers } from "@/lib/catalog";
import { listingHref, PAGE_SIZE, type ListingParams } from "@/lib/listing-params";

export async function SearchResults({ params }: { params: ListingParams }) {
  const result = await searchPapers({
    q: params.q,
    sort: params.sort,
    page: params.page,
    limit: PAGE_SIZE,
    clampPage: true,
  });
  const shown = { ...params, page: result.page };
  const papers = `${result.total.toLocaleString("en-US")} ${result.total === 1 ? "paper matches" : "papers match"}`;
  const count = result.matchedAll ? papers : `${papers} some of the words in`;
  return (
    <section aria-labelledby="listing-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="listing-title" className="text-2xl font-bold tracking-tight">
            Search results
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="result-count">
            {count} “{params.q}”{result.pageCount > 1 && ` · page ${result.page} of ${result.pageCount}`}
          </p>
        </div>
        {result.total > 0 && <SortLinks params={shown} />}
      </div>
      {!result.matchedAll && result.total > 0 && (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          No paper contains every word of your search; these contain some of them.
        </p>
      )}
      {result.total === 0 ? (
        <NoMatches q={params.q} suggestions={result.suggestions} />
      ) : (
        <>
          <PaperList items={result.items} start={(result.page - 1) * PAGE_SIZE + 1} />
          <Pagination params={shown} pageCount={result.pageCount} />
        </>
      )}
    </section>
  );
}

function NoMatches({ q, suggestions }: { q: string; suggestions: string[] }) {
  return (
    <div className="mt-6 rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-700">
      <h2 className="font-semibold">No papers match “{q}”</h2>
      {suggestions.length > 0 && (
        <p className="mt-3 text-sm">
          Did you mean{" "}
          {suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <Link
                href={listingHref({ q: s, sort: "relevance", page: 1 })}
                className="font-medium text-indigo-700 underline dark:text-indigo-300"
              >
                {s}
              </Link>
            </span>
          ))}
          ?
        </p>
      )}
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
        <li>Check the spelling, or try fewer or more general words.</li>
        <li>Search for a model or method name from a title, such as an acronym.</li>
        <li>Words must appear in a title or abstract; very common words are ignored.</li>
      </ul>
      <p className="mt-4 text-sm">
        <Link href="/" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Browse all trending papers
        </Link>
      </p>
    </div>
  );
}
