// "/": the trending listing, a topic (?topic=, several combine), search results
// (?q=), narrowed to a day, week or month (?date=, ?week=, ?month=). The URL's
// q, topic, period, sort and page are the whole state; bad values fall back to defaults.
import type { Metadata } from "next";
import { PageShell } from "@/components/page-shell";
import { PaperListing } from "@/components/paper-listing";
import { feedHref, parseListingParams, queryWasCut, type ListingParams } from "@/lib/listing-params";
import { periodLabel } from "@/lib/periods";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

// Reads the live catalog on every request: newly ingested papers show without a restart.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function titleOf({ q, topics, period }: ListingParams): string {
  const when = period ? ` · ${periodLabel(period)}` : "";
  if (q) return `“${q}”: search${when}`;
  if (topics.length) return topics.map((t) => TOPIC_BY_SLUG.get(t)?.name).join(" + ") + when;
  return `Trending papers${when}`;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = parseListingParams(await searchParams);
  const title = titleOf(params);
  // Feed readers find the listing's Atom feed from the page itself.
  return {
    title,
    alternates: { types: { "application/atom+xml": [{ url: feedHref(params), title: `Papershelf: ${title}` }] } },
  };
}

export default async function HomePage({ searchParams }: Props) {
  const raw = await searchParams;
  const params = parseListingParams(raw);
  return (
    <PageShell q={params.q}>
      <PaperListing params={params} queryCut={queryWasCut(raw)} />
    </PageShell>
  );
}
