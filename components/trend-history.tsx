// When a paper trended: a chart of its upvotes or rank by day (when it trended
// on more than one day), then every appearance, latest first: day, source (when
// more than one source listed it), rank and upvotes. The list is the precise,
// screen-reader-friendly record; the chart is its picture.
import { TrendChart } from "@/components/trend-chart";
import type { Appearance } from "@/lib/catalog";
import { formatDay, weekdayOf } from "@/lib/feed/dates";
import { trendSeries } from "@/lib/trend";

const SOURCE_LABEL: Record<string, string> = { "text-page": "Trending page", hf: "Hugging Face", arxiv: "arXiv" };
const SOURCE_NOTE: Record<string, string> = {
  "text-page": "From the trending papers page.",
  hf: "From Hugging Face's daily papers.",
  arxiv: "From arXiv listings.",
};
// Whole class names, so Tailwind sees them: one column per shown field.
const COLUMNS: Record<number, string> = {
  2: "grid-cols-[auto_auto]",
  3: "grid-cols-[auto_auto_auto]",
  4: "grid-cols-[auto_auto_auto_auto]",
};

export function TrendHistory({ appearances }: { appearances: Appearance[] }) {
  if (appearances.length === 0) return null;
  const sources = [...new Set(appearances.map((a) => a.source))];
  const mixed = sources.length > 1;
  const counted = appearances.some((a) => a.upvotes !== null);
  return (
    <section aria-labelledby="trend-title" className="mt-8">
      <h2 id="trend-title" className="text-lg font-semibold">
        Trending history
      </h2>
      {!mixed && (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {SOURCE_NOTE[sources[0]!] ?? `From ${sources[0]}.`}
        </p>
      )}
      {/* Side by side while both fit; the list wraps below the chart on narrow screens. */}
      <div className="mt-3 flex flex-wrap items-start gap-x-6 gap-y-4">
        <TrendChart series={trendSeries(appearances)} />
        <ul
          aria-label="Days trending"
          className={`grid max-w-full flex-none ${COLUMNS[2 + Number(mixed) + Number(counted)]} gap-x-3 text-sm sm:gap-x-4`}
        >
          {appearances.map((a) => (
            <li
              key={`${a.source}-${a.feedDate}`}
              className="col-span-full grid grid-cols-subgrid border-b border-zinc-200 py-1 last:border-b-0 dark:border-zinc-800"
            >
              <time dateTime={a.feedDate} className="whitespace-nowrap">
                {/* Phones drop the weekday so four columns fit. */}
                <span className="max-sm:hidden">{weekdayOf(a.feedDate)}, </span>
                {formatDay(a.feedDate)}
              </time>
              {mixed && (
                <span className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                  {SOURCE_LABEL[a.source] ?? a.source}
                </span>
              )}
              <span className="text-right font-semibold tabular-nums">#{a.rank}</span>
              {counted &&
                (a.upvotes === null ? (
                  <span className="text-right text-zinc-500">
                    <span aria-hidden="true">–</span>
                    <span className="sr-only">no upvote count</span>
                  </span>
                ) : (
                  <span className="whitespace-nowrap text-right tabular-nums">
                    {a.upvotes} {a.upvotes === 1 ? "upvote" : "upvotes"}
                  </span>
                ))}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
