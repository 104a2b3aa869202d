// The topics of the current results with their counts, as links that add or
// remove a topic filter (several filters combine: papers in all of them).
import Link from "next/link";
import clsx from "clsx";
import type { Facet } from "@/lib/catalog";
import { listingHref, toggleTopic, type ListingParams } from "@/lib/listing-params";

/** `id` names the heading: the list is drawn twice (phones, desktop), and ids must be unique. */
export function FacetList({ facets, params, id }: { facets: Facet[]; params: ListingParams; id: string }) {
  if (facets.length === 0) return null;
  return (
    <nav aria-labelledby={id}>
      <h2 id={id} className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
        Topics
      </h2>
      <ul className="mt-2 space-y-0.5">
        {facets.map((f) => (
          <li key={f.slug}>
            <Link
              href={listingHref(toggleTopic(params, f.slug))}
              aria-current={f.selected ? "true" : undefined}
              aria-label={`${f.name}, ${f.count} ${f.count === 1 ? "paper" : "papers"}${f.selected ? ", selected: remove filter" : ""}`}
              className={clsx(
                "flex items-center justify-between gap-2 rounded-md px-2 py-1 text-sm",
                f.selected
                  ? "bg-indigo-600 font-medium text-white dark:bg-indigo-500"
                  : "text-zinc-800 hover:bg-zinc-200 dark:text-zinc-200 dark:hover:bg-zinc-800",
              )}
            >
              <span>{f.name}</span>
              <span
                className={clsx(
                  "tabular-nums text-xs",
                  f.selected ? "text-indigo-100" : "text-zinc-500 dark:text-zinc-400",
                )}
              >
                {f.count}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
