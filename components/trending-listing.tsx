// The trending listing (no query): total, sort links, a page of papers, page links.
import Link from "next/link";
import { ListingSection } from "@/components/listing-section";
import { listPapers } from "@/lib/catalog";
import { PAGE_SIZE, type ListingParams } from "@/lib/listing-params";

export async function TrendingListing({ params }: { params: ListingParams }) {
  const result = await listPapers({ sort: params.sort, page: params.page, limit: PAGE_SIZE, clampPage: true });
  const count = `${result.total.toLocaleString("en-US")} ${result.total === 1 ? "paper" : "papers"}`;
  return (
    <ListingSection
      title="Trending papers"
      count={count}
      params={params}
      result={result}
      empty={
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
      }
    />
  );
}
