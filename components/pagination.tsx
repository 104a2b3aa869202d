// Page links under a listing or the shelf: previous, a window of page numbers,
// next. Plain links whose URLs carry the whole state (`href` builds them).
import Link from "next/link";
import clsx from "clsx";

/**
 * The page numbers to show: first, last, and two either side of the current one.
 * A gap of several pages is null ("…"); a gap of one page shows that page instead.
 */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const pages = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return sorted.flatMap((p, i) => {
    const gap = i > 0 ? p - sorted[i - 1]! : 1;
    return gap === 1 ? [p] : gap === 2 ? [p - 1, p] : [null, p];
  });
}

const itemClass =
  "inline-flex min-w-9 items-center justify-center rounded-md border px-3 py-1.5 text-sm border-zinc-300 dark:border-zinc-700";

type Props = { page: number; pageCount: number; href: (page: number) => string };

export function Pagination({ page, pageCount, href }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-6 flex flex-wrap items-center justify-center gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={clsx(itemClass, "hover:bg-zinc-100 dark:hover:bg-zinc-800")}>
          Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={clsx(itemClass, "text-zinc-400 dark:text-zinc-600")}>
          Previous
        </span>
      )}
      {pageWindow(page, pageCount).map((p, i) =>
        p === null ? (
          <span key={`gap-${i}`} aria-hidden="true" className="px-1 text-zinc-500">
            …
          </span>
        ) : (
          <Link
            key={p}
            href={href(p)}
            aria-label={`Page ${p}`}
            aria-current={p === page ? "page" : undefined}
            className={clsx(
              itemClass,
              p === page
                ? "border-indigo-600 bg-indigo-600 font-semibold text-white dark:border-indigo-500 dark:bg-indigo-500"
                : "hover:bg-zinc-100 dark:hover:bg-zinc-800",
            )}
          >
            {p}
          </Link>
        ),
      )}
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className={clsx(itemClass, "hover:bg-zinc-100 dark:hover:bg-zinc-800")}>
          Next
        </Link>
      ) : (
        <span aria-disabled="true" className={clsx(itemClass, "text-zinc-400 dark:text-zinc-600")}>
          Next
        </span>
      )}
    </nav>
  );
}
