// Sort choices as links (the sort lives in the URL), for the listing and the
// shelf. The caller builds each link's URL; the current sort is marked.
import Link from "next/link";
import clsx from "clsx";

export type SortOption = { key: string; label: string; href: string; current: boolean };

export function SortLinks({ options, label = "Sort" }: { options: SortOption[]; label?: string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-1 text-zinc-600 max-sm:sr-only dark:text-zinc-400">Sort:</span>
      {options.map((o) => (
        <Link
          key={o.key}
          href={o.href}
          aria-current={o.current ? "true" : undefined}
          className={clsx(
            "rounded-md px-2 py-1",
            o.current
              ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
              : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800",
          )}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}
