// The listing page's content for any state: the trending list, a topic, or a
// search. Heading, count and notices, sort links, topic facets beside the
// results, the page of papers and page links, or an empty state.
import Link from "next/link";
import { FacetList } from "@/components/facet-list";
import { NoMatches } from "@/components/no-matches";
import { Pagination } from "@/components/pagination";
import { PaperList } from "@/components/paper-list";
import { SortLinks } from "@/components/sort-links";
import { bookmarkedPaperIds } from "@/lib/bookmarks";
import { findPapers, type Listing } from "@/lib/catalog";
import { FeedLink } from "@/components/feed-link";
import { PeriodNav } from "@/components/period-nav";
import {
  feedHref,
  listingHref,
  subscribeHref,
  MAX_QUERY_LENGTH,
  PAGE_SIZE,
  SORT_LABELS,
  SORTS,
  toggleTopic,
  type ListingParams,
} from "@/lib/listing-params";
import { periodLabel } from "@/lib/periods";
import { currentVisitorId } from "@/lib/visitor";

const papers = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "paper" : "papers"}`;

function heading(params: ListingParams, result: Listing): string {
  if (params.q && result.searched) return "Search results";
  if (result.topics.length) return result.topics.map((t) => t.name).join(" + ");
  const period = params.period;
  if (period) return `Trending ${period.kind === "date" ? "on" : "in"} ${periodLabel(period)}`;
  return "Trending papers";
}

function countLine(params: ListingParams, result: Listing): string {
  // The heading names the period unless it names a search or topics.
  const when = params.period && (params.q || result.topics.length) ? ` · ${periodLabel(params.period)}` : "";
  if (!params.q || !result.searched) return papers(result.total) + when;
  const matches = result.total === 1 ? "paper matches" : "papers match";
  const some = result.mode === "partial" && result.total > 0 ? " some of the words in" : "";
  return `${result.total.toLocaleString("en-US")} ${matches}${some} “${params.q}”${when}`;
}

const NOTICE: Record<Listing["mode"], string | null> = {
  exact: null,
  typo: "No paper has these words as typed; showing papers with close spellings.",
  partial: "No paper contains every word of your search; these contain some of them and may be weak matches.",
};

/** `queryCut`: the URL's query was longer than MAX_QUERY_LENGTH, and only its start was searched. */
export async function PaperListing({ params, queryCut = false }: { params: ListingParams; queryCut?: boolean }) {
  const result = await findPapers({ ...params, limit: PAGE_SIZE, clampPage: true });
  const bookmarked = await bookmarkedPaperIds(
    await currentVisitorId(),
    result.items.map((p) => p.id),
  );
  const shown = { ...params, page: result.page };
  const notice = result.total > 0 ? NOTICE[result.mode] : null;
  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-8">
      <section aria-labelledby="listing-title" className="min-w-0">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 id="listing-title" className="text-2xl font-bold tracking-tight">
              {heading(params, result)}
            </h1>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="result-count">
              {countLine(params, result)}
              {result.pageCount > 1 && ` · page ${result.page} of ${result.pageCount}`}
            </p>
          </div>
          <div className="flex items-center gap-1">
            <FeedLink href={feedHref(params)} />
            <Link
              href={subscribeHref(params)}
              className="rounded-md px-2 py-1 text-sm text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950"
            >
              Email digest
            </Link>
          </div>
          {result.total > 0 && (
            <SortLinks
              options={SORTS.filter((s) => s !== "relevance" || result.ranked).map((sort) => ({
                key: sort,
                label: SORT_LABELS[sort],
                href: listingHref({ ...shown, sort, page: 1 }),
                current: sort === params.sort,
              }))}
            />
          )}
        </div>
        <PeriodNav params={shown} />
        {result.topics.length > 0 && (
          <ul aria-label="Active topic filters" className="mt-3 flex flex-wrap gap-2">
            {result.topics.map((t) => (
              <li key={t.slug}>
                <Link
                  href={listingHref(toggleTopic(params, t.slug))}
                  className="inline-flex items-center gap-1 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white hover:bg-indigo-500"
                  aria-label={`Remove topic filter ${t.name}`}
                >
                  {t.name} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {queryCut && (
          <p
            role="note"
            className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
          >
            Your search was longer than {MAX_QUERY_LENGTH} characters, so only its first {MAX_QUERY_LENGTH} were used.
          </p>
        )}
        {notice && (
          <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            {notice}
          </p>
        )}
        {result.total === 0 ? (
          params.q || params.topics.length || params.period ? (
            <NoMatches params={params} suggestions={result.suggestions} />
          ) : (
            <EmptyCatalog />
          )
        ) : (
          <>
            <details className="mt-4 rounded-lg border border-zinc-200 bg-white p-3 lg:hidden dark:border-zinc-800 dark:bg-zinc-900">
              <summary className="cursor-pointer text-sm font-medium">Filter by topic</summary>
              <div className="mt-2">
                <FacetList facets={result.facets} params={shown} id="facets-narrow" />
              </div>
            </details>
            <PaperList
              items={result.items}
              start={(result.page - 1) * PAGE_SIZE + 1}
              bookmarked={bookmarked}
              period={params.period}
            />
            <Pagination
              page={result.page}
              pageCount={result.pageCount}
              href={(page) => listingHref({ ...params, page })}
            />
          </>
        )}
      </section>
      {result.total > 0 && (
        <aside className="hidden pt-14 lg:block" aria-label="Topic filters">
          <FacetList facets={result.facets} params={shown} id="facets-wide" />
        </aside>
      )}
    </div>
  );
}

function EmptyCatalog() {
  return (
    <div className="mt-8 rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
      <h2 className="font-semibold">No papers yet</h2>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Load a feed with <code className="font-mono">npm run ingest -- path/to/feed.txt</code>, then{" "}
        <Link href="/" className="underline">
          reload
        </Link>
        .
      </p>
    </div>
  );
}
