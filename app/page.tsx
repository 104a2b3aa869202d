// "/": the trending listing, a topic (?topic=, several combine), or search
// results (?q=). The URL's q, topic, sort and page are the whole state; bad
// values fall back to defaults.
import type { Metadata } from "next";
import { PageShell } from "@/components/page-shell";
import { PaperListing } from "@/components/paper-listing";
import { parseListingParams } from "@/lib/listing-params";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

// Reads the live catalog on every request: newly ingested papers show without a restart.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q, topics } = parseListingParams(await searchParams);
  if (q) return { title: `“${q}”: search` };
  if (topics.length) return { title: topics.map((t) => TOPIC_BY_SLUG.get(t)?.name).join(" + ") };
  return { title: "Trending papers" };
}

export default async function HomePage({ searchParams }: Props) {
  const params = parseListingParams(await searchParams);
  return (
    <PageShell q={params.q}>
      <PaperListing params={params} />
    </PageShell>
  );
}
