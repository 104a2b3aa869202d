// A paper's topics as small links, each to the listing filtered to that topic.
import Link from "next/link";
import type { TopicRef } from "@/lib/catalog";
import { listingHref } from "@/lib/listing-params";

export function TopicChips({ topics, label = "Topics" }: { topics: TopicRef[]; label?: string }) {
  if (topics.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {topics.map((t) => (
        <li key={t.slug}>
          <Link
            href={listingHref({ q: "", sort: "trending", page: 1, topics: [t.slug] })}
            className="inline-block rounded-full border border-indigo-200 bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 hover:border-indigo-400 hover:bg-indigo-100 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-200 dark:hover:border-indigo-600"
          >
            {t.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
