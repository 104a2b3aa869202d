// GET /feed.xml?q=&topic=&date=|week=|month=: the Atom feed of any listing (the
// trending list, a search, topics, a period), its latest 50 papers in the
// listing's own order. Bad parameters are a 400 with a one-line message.
import { NextResponse, type NextRequest } from "next/server";
import { buildAtomFeed } from "@/lib/atom";
import { findPapers } from "@/lib/catalog";
import { feedHref, listingHref, parseApiParams, type ListingParams } from "@/lib/listing-params";
import { periodLabel } from "@/lib/periods";
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

export const dynamic = "force-dynamic";

const FEED_SIZE = 50;

function feedTitle({ q, topics, period }: ListingParams): string {
  const parts = [
    q ? `“${q}”` : null,
    topics.length ? topics.map((t) => TOPIC_BY_SLUG.get(t)?.name ?? t).join(" + ") : null,
    period ? periodLabel(period) : null,
  ].filter(Boolean);
  return parts.length ? `Papershelf: ${parts.join(" · ")}` : "Papershelf: trending papers";
}

export async function GET(request: NextRequest) {
  const parsed = parseApiParams(request.nextUrl.searchParams);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const params = { ...parsed.params, page: 1 };
  const site = siteUrl(requestOrigin(request.headers));
  const result = await findPapers({ ...params, limit: FEED_SIZE });
  const xml = buildAtomFeed({
    site,
    selfUrl: site + feedHref(params),
    pageUrl: site + listingHref(params),
    title: feedTitle(params),
    papers: result.items,
  });
  return new NextResponse(xml, {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
