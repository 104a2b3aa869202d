// The trending listing (no query): total, sort links, a page of papers, page links.
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { PaperList } from "@/components/paper-list";
import { SortLinks } from "@/components/sort-links";
import { listPapers } from "@/lib/catalog";
import { PAGE_SIZE, type ListingParams } from "@/lib/listing-params";

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export async function TrendingListing({ params }: { params: ListingParams }) {
  const result = await listPapers({ sort: params.sort, page: params.page, limit: PAGE_SIZE, clampPage: true });
  const shown = { ...params, page: result.page };
  return (
    <section aria-labelledby="listing-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="listing-title" className="text-2xl font-bold tracking-tight">
            Trending papers
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="result-count">
            {plural(result.total, "paper")}
            {result.pageCount > 1 && ` · page ${result.page} of ${result.pageCount}`}
          </p>
        </div>
        {result.total > 0 && <SortLinks params={shown} />}
      </div>
      {result.total === 0 ? (
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
      ) : (
        <>
          <PaperList items={result.items} start={(result.page - 1) * PAGE_SIZE + 1} />
          <Pagination params={shown} pageCount={result.pageCount} />
        </>
      )}
    </section>
  );
}
