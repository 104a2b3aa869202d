// The shelf page's URL contract (/bookmarks): q, sort, topic, tag, unread and
// page are its whole state. Like the listing, bad values fall back to defaults.
// No server-only imports: client components may use it.
import { z } from "zod";
import { all, first, knownTopics, normalizeQuery, type RawParams } from "@/lib/listing-params";

export const SHELF_SORTS = ["relevance", "added", "title", "feed"] as const;
export type ShelfSort = (typeof SHELF_SORTS)[number];
export const SHELF_SORT_LABELS: Record<ShelfSort, string> = {
  relevance: "Relevance",
  added: "Date added",
  title: "Title A–Z",
  feed: "Feed date",
};
export const SHELF_PAGE_SIZE = 20;
export { MAX_NOTE_LENGTH, MAX_TAG_LENGTH } from "@/lib/shelf-limits";

export type ShelfParams = { q: string; sort: ShelfSort; topics: string[]; tag: string; unread: boolean; page: number };

const defaultSort = (q: string): ShelfSort => (q ? "relevance" : "added");

const schema = z.object({
  q: z.string().transform(normalizeQuery).catch(""),
  sort: z.enum(SHELF_SORTS).optional().catch(undefined),
  // Folded as tags are when saved (lib/bookmarks.ts tagSchema), so any spelling of a tag filters by it.
  tag: z
    .string()
    .transform((s) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim())
    .pipe(z.string().max(40))
    .catch(""),
  unread: z
    .string()
    .transform((v) => v === "1")
    .catch(false),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Parses the shelf's search params. Never throws. */
export function parseShelfParams(raw: RawParams): ShelfParams {
  const { q, sort, tag, unread, page } = schema.parse({
    q: first(raw.q) ?? "",
    sort: first(raw.sort),
    tag: first(raw.tag) ?? "",
    unread: first(raw.unread) ?? "",
    page: first(raw.page) ?? 1,
  });
  const effective = sort === undefined || (sort === "relevance" && !q) ? defaultSort(q) : sort;
  return { q, sort: effective, topics: knownTopics(all(raw.topic)), tag, unread, page };
}

/** The URL of a shelf state; defaults are left out. */
export function shelfHref({ q, sort, topics, tag, unread, page }: ShelfParams): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const topic of topics) params.append("topic", topic);
  if (tag) params.set("tag", tag);
  if (unread) params.set("unread", "1");
  if (sort !== defaultSort(q)) params.set("sort", sort);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/bookmarks?${query}` : "/bookmarks";
}
