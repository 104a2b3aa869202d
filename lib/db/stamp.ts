// A cheap fingerprint of the catalog's papers: how many there are and when the
// latest one changed. Every write that matters to readers (an ingest, a re-tag,
// a paper leaving) moves it, because those writes set Paper.updatedAt or change
// the count. The search index and the listing's topic counts key their caches on it.
import "server-only";
import { getPrisma } from "@/lib/db/client";

export type CatalogStamp = { stamp: string; count: number; latest: Date | null };

export async function catalogStamp(): Promise<CatalogStamp> {
  const prisma = getPrisma();
  // Two queries, not one aggregate: SQLite answers each from an index in microseconds,
  // but count(*) and max() together make it scan every row (~5 ms at 100,000 papers).
  const [count, newest] = await Promise.all([
    prisma.paper.count(),
    prisma.paper.findFirst({ select: { updatedAt: true }, orderBy: { updatedAt: "desc" } }),
  ]);
  const latest = newest?.updatedAt ?? null;
  return { stamp: `${count}@${latest?.toISOString() ?? "-"}`, count, latest };
}
