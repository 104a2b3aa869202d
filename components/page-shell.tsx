// What every page draws around its content: the header (name and search box,
// showing the current query) and the main landmark the skip link jumps to.
// Pages render it themselves because only a page can read the query.
import Link from "next/link";
import { SearchForm } from "@/components/search-form";
import { countBookmarks } from "@/lib/bookmarks";
import { currentVisitorId } from "@/lib/visitor";

export async function PageShell({ q, children }: { q?: string; children: React.ReactNode }) {
  const shelf = await countBookmarks(await currentVisitorId());
  return (
    <>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        {/* Phones: name and links on one row, the search box below. Wider: all on one row. */}
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-3 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white"
            >
              P
            </span>
            Papershelf
          </Link>
          <nav aria-label="Site" className="ml-auto flex items-center gap-4 text-sm font-medium sm:ml-0">
            <Link
              href="/topics"
              className="text-zinc-700 hover:text-indigo-700 dark:text-zinc-300 dark:hover:text-indigo-300"
            >
              Topics
            </Link>
            <Link
              href="/bookmarks"
              aria-label={`Shelf, ${shelf} ${shelf === 1 ? "bookmark" : "bookmarks"}`}
              className="inline-flex items-center gap-1.5 text-zinc-700 hover:text-indigo-700 dark:text-zinc-300 dark:hover:text-indigo-300"
            >
              Shelf
              <span className="rounded-full bg-zinc-200 px-1.5 text-xs tabular-nums text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
                {shelf}
              </span>
            </Link>
          </nav>
          <div className="flex w-full sm:ml-auto sm:w-auto sm:flex-1 sm:justify-end">
            <SearchForm q={q} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
