// When a paper trended: each feed day and its rank that day, latest first.
import type { Appearance } from "@/lib/catalog";
import { formatDay } from "@/lib/feed/dates";

export function TrendHistory({ appearances }: { appearances: Appearance[] }) {
  return (
    <section aria-labelledby="trend-title" className="mt-8">
      <h2 id="trend-title" className="text-lg font-semibold">
        Trending history
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        {appearances.map((a) => (
          <li
            key={`${a.source}-${a.feedDate}`}
            className="rounded-md border border-zinc-200 bg-white px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <time dateTime={a.feedDate}>{formatDay(a.feedDate)}</time>
            <span className="ml-2 font-semibold">#{a.rank}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
