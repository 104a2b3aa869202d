// "/bookmarks": this browser's shelf. The URL (q, sort, topic, tag, unread, page)
// is its state; each bookmark has its note, tags and read state; exports,
// import and device linking are beside it.
import type { Metadata } from "next";
import { PageShell } from "@/components/page-shell";
import { ShelfView } from "@/components/shelf-view";
import { listShelf } from "@/lib/bookmarks";
import { parseShelfParams } from "@/lib/shelf-params";
import { currentVisitorId } from "@/lib/visitor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your shelf" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ShelfPage({ searchParams }: Props) {
  const params = parseShelfParams(await searchParams);
  const shelf = await listShelf(await currentVisitorId(), params);
  return (
    <PageShell>
      <ShelfView shelf={shelf} params={params} />
    </PageShell>
  );
}
