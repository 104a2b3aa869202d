// The shelf page's content: filters and search within the shelf, the bookmarked
// papers with their notes, tags and read state, and the export, import and
// device-linking tools. An empty shelf explains how to fill it.
import Link from "next/link";
import clsx from "clsx";
import { Pagination } from "@/components/pagination";
import { PaperCard } from "@/components/paper-card";
import { SortLinks } from "@/components/sort-links";
import { NoteEditor, ReadToggle, RenameTag, TagEditor } from "@/components/shelf-forms";
import { ImportShelf, LinkDevice } from "@/components/shelf-transfer";
import type { Shelf } from "@/lib/bookmarks";
import { formatDay } from "@/lib/feed/dates";
import { SHELF_PAGE_SIZE, SHELF_SORT_LABELS, SHELF_SORTS, shelfHref, type ShelfParams } from "@/lib/shelf-params";
import { plainText } from "@/lib/text/rich-text";

const chip = (active: boolean) =>
  clsx(
    "rounded-full px-2.5 py-0.5 text-xs",
    active
      ? "bg-indigo-600 font-medium text-white"
      : "bg-zinc-200 text-zinc-800 hover:bg-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700",
  );

export function ShelfView({ shelf, params }: { shelf: Shelf; params: ShelfParams }) {
  const at = (change: Partial<ShelfParams>) => shelfHref({ ...params, page: 1, ...change });
  const filtered = params.q || params.tag || params.unread || params.topics.length > 0;
  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_18rem] lg:gap-8">
      <section aria-labelledby="shelf-title" className="min-w-0">
        <h1 id="shelf-title" className="text-2xl font-bold tracking-tight">
          Your shelf
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="shelf-count">
          {filtered
            ? `${shelf.total} of ${shelf.shelfSize} ${shelf.shelfSize === 1 ? "paper" : "papers"}`
            : `${shelf.shelfSize} ${shelf.shelfSize === 1 ? "paper" : "papers"}`}
        </p>
        {shelf.shelfSize === 0 ? (
          <EmptyShelf />
        ) : (
          <>
            <form action="/bookmarks" method="get" role="search" className="mt-4 flex gap-2">
              <label htmlFor="shelf-search" className="sr-only">
                Search your shelf
              </label>
              <input
                id="shelf-search"
                name="q"
                type="search"
                defaultValue={params.q}
                placeholder="Search your shelf: titles, notes, tags"
                className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              {params.tag && <input type="hidden" name="tag" value={params.tag} />}
              {params.unread && <input type="hidden" name="unread" value="1" />}
              {params.topics.map((t) => (
                <input key={t} type="hidden" name="topic" value={t} />
              ))}
              <button
                type="submit"
                className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
              >
                Search shelf
              </button>
            </form>
            <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
              <SortLinks
                label="Sort shelf"
                options={SHELF_SORTS.filter((s) => s !== "relevance" || params.q).map((sort) => ({
                  key: sort,
                  label: SHELF_SORT_LABELS[sort],
                  href: at({ sort }),
                  current: sort === params.sort,
                }))}
              />
              <Link
                href={at({ unread: !params.unread })}
                aria-current={params.unread ? "true" : undefined}
                className={chip(params.unread)}
              >
                Unread only
              </Link>
            </div>
            {shelf.tags.length > 0 && (
              <nav aria-label="Filter by tag" className="mt-3 flex flex-wrap items-center gap-1.5 text-sm">
                <span className="mr-1 text-zinc-600 dark:text-zinc-400">Tags:</span>
                {shelf.tags.map(({ tag, count }) => (
                  <Link
                    key={tag}
                    href={at({ tag: params.tag === tag ? "" : tag })}
                    aria-current={params.tag === tag ? "true" : undefined}
                    className={chip(params.tag === tag)}
                  >
                    {tag} <span className="tabular-nums opacity-70">{count}</span>
                  </Link>
                ))}
              </nav>
            )}
            {shelf.topics.length > 0 && (
              <nav aria-label="Filter by topic" className="mt-3 flex flex-wrap items-center gap-1.5 text-sm">
                <span className="mr-1 text-zinc-600 dark:text-zinc-400">Topics:</span>
                {shelf.topics.map(({ slug, name, count }) => {
                  const active = params.topics.includes(slug);
                  const topics = active ? params.topics.filter((t) => t !== slug) : [...params.topics, slug];
                  return (
                    <Link
                      key={slug}
                      href={at({ topics })}
                      aria-current={active ? "true" : undefined}
                      className={chip(active)}
                    >
                      {name} <span className="tabular-nums opacity-70">{count}</span>
                    </Link>
                  );
                })}
              </nav>
            )}
            {shelf.total === 0 ? (
              <p className="mt-6 rounded-lg border border-dashed border-zinc-300 p-6 text-sm dark:border-zinc-700">
                Nothing on your shelf matches these filters.{" "}
                <Link href="/bookmarks" className="font-medium text-indigo-700 underline dark:text-indigo-300">
                  Show the whole shelf
                </Link>
              </p>
            ) : (
              <ol className="mt-4 space-y-3" aria-label="Bookmarked papers">
                {shelf.items.map((item) => {
                  const title = plainText(item.paper.title);
                  return (
                    <li key={item.bookmarkId}>
                      <PaperCard paper={item.paper} bookmarked>
                        <div className="mt-3 space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
                          <p className="flex flex-wrap items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
                            <span>Saved {formatDay(item.bookmarkedAt.slice(0, 10))}</span>
                            <span>{item.readAt ? `Read ${formatDay(item.readAt.slice(0, 10))}` : "Unread"}</span>
                            <ReadToggle bookmarkId={item.bookmarkId} read={item.readAt !== null} />
                          </p>
                          <NoteEditor bookmarkId={item.bookmarkId} note={item.note} title={title} />
                          <TagEditor bookmarkId={item.bookmarkId} tags={item.tags} title={title} />
                        </div>
                      </PaperCard>
                    </li>
                  );
                })}
              </ol>
            )}
            <Pagination page={shelf.page} pageCount={shelf.pageCount} href={(page) => shelfHref({ ...params, page })} />
          </>
        )}
      </section>
      <aside aria-label="Shelf tools" className="mt-8 space-y-6 lg:mt-14">
        {shelf.shelfSize > 0 && (
          <div className="space-y-2">
            <h3 className="text-sm font-semibold">Export</h3>
            <ul className="space-y-1 text-sm">
              <li>
                <a href="/bookmarks/export/bibtex" download className="text-indigo-700 underline dark:text-indigo-300">
                  BibTeX (.bib)
                </a>
              </li>
              <li>
                <a href="/bookmarks/export/csl" download className="text-indigo-700 underline dark:text-indigo-300">
                  CSL-JSON (Zotero, Pandoc)
                </a>
              </li>
              <li>
                <a href="/bookmarks/export/json" download className="text-indigo-700 underline dark:text-indigo-300">
                  Everything (JSON, to import elsewhere)
                </a>
              </li>
            </ul>
          </div>
        )}
        <ImportShelf />
        <LinkDevice />
        <RenameTag tags={shelf.tags.map((t) => t.tag)} />
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Your shelf belongs to this browser (a cookie, no account). Clearing cookies loses access to it unless you
          export it or link another device first. Shelves show {SHELF_PAGE_SIZE} papers a page.
        </p>
      </aside>
    </div>
  );
}

function EmptyShelf() {
  return (
    <div className="mt-6 rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-700">
      <h2 className="font-semibold">Your shelf is empty</h2>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
        Press <strong>Bookmark</strong> on any paper, in the listing or on its page, to keep it here. You can then add a
        note and tags, mark it read, and export your shelf as BibTeX or CSL-JSON.
      </p>
      <p className="mt-3 text-sm">
        <Link href="/" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Browse trending papers
        </Link>
      </p>
    </div>
  );
}
