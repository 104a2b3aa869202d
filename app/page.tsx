// "/": the trending listing, or search results when ?q= is given. The URL's
// q, sort and page are the whole state; bad values fall back to defaults.
import type { Metadata } from "next";
import { PageShell } from "@/components/page-shell";
import { SearchResults } from "@/components/search-results";
import { TrendingListing } from "@/components/trending-listing";
import { parseListingParams } from "@/lib/listing-params";

// Reads the live catalog on every request: newly ingested papers show without a restart.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseListingParams(await searchParams);
  return { title: q ? `“${q}”: search` : "Trending papers" };
}

export default async function HomePage({ searchParams }: Props) {
  const params = parseListingParams(await searchParams);
  return (
    <PageShell q={params.q}>
      {params.q ? <SearchResults params={params} /> : <TrendingListing params={params} />}
    </PageShell>
  );
}
