// Browsing trending papers by day, week or month. With a period in the URL:
// previous/next links (to the nearest period that has papers), the same day's
// week and month, and a way back to all time. Without one: links into the
// latest day, week and month. Plain links: the period lives in the URL.
import Link from "next/link";
import clsx from "clsx";
import { getPeriodNav, latestFeedDate } from "@/lib/catalog";
import { listingHref, type ListingParams } from "@/lib/listing-params";
import { PERIOD_NOUN, periodContaining, periodLabel, type Period, type PeriodKind } from "@/lib/periods";

const pill = "rounded-md px-2 py-1";
const idle = "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800";
const active = "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900";
const KIND_LABEL: Record<PeriodKind, string> = { date: "Day", week: "Week", month: "Month" };

export async function PeriodNav({ params }: { params: ListingParams }) {
  const period = params.period ?? null;
  // A different period starts again at page 1 with the period's own ranking.
  const at = (p: Period | null) => listingHref({ ...params, period: p, page: 1 });
  if (!period) {
    const latest = await latestFeedDate();
    if (!latest) return null;
    return (
      <nav aria-label="Browse by period" className="mt-3 flex flex-wrap items-center gap-1 text-sm">
        <span className="mr-1 text-zinc-600 dark:text-zinc-400">Browse by:</span>
        {(["date", "week", "month"] as const).map((kind) => (
          <Link key={kind} href={at(periodContaining(kind, latest))} className={clsx(pill, idle)}>
            {kind === "date" ? "Latest day" : `Latest ${PERIOD_NOUN[kind]}`}
          </Link>
        ))}
      </nav>
    );
  }
  const { previous, next, lastDay } = await getPeriodNav(period);
  const noun = PERIOD_NOUN[period.kind];
  return (
    <nav aria-label="Period" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <div className="flex items-center gap-1">
        <Step target={previous} href={previous && at(previous)} rel="prev" label={`Previous ${noun}`} />
        <Step target={next} href={next && at(next)} rel="next" label={`Next ${noun}`} />
      </div>
      <div className="flex flex-wrap items-center gap-1">
        {(["date", "week", "month"] as const).map((kind) => (
          <Link
            key={kind}
            href={at(periodContaining(kind, kind === "date" ? (lastDay ?? period.to) : period.from))}
            aria-current={kind === period.kind ? "true" : undefined}
            className={clsx(pill, kind === period.kind ? active : idle)}
          >
            {KIND_LABEL[kind]}
          </Link>
        ))}
        <Link href={at(null)} className={clsx(pill, idle)}>
          All time
        </Link>
      </div>
    </nav>
  );
}

function Step({
  target,
  href,
  rel,
  label,
}: {
  target: Period | null;
  href: string | null;
  rel: "prev" | "next";
  label: string;
}) {
  const arrow = rel === "prev" ? "←" : "→";
  const text = rel === "prev" ? `${arrow} ${label}` : `${label} ${arrow}`;
  if (!target || !href) {
    return (
      <span
        aria-disabled="true"
        className={clsx(pill, "border border-zinc-200 text-zinc-400 dark:border-zinc-800 dark:text-zinc-600")}
      >
        {text}
      </span>
    );
  }
  return (
    <Link
      href={href}
      rel={rel}
      title={periodLabel(target)}
      className={clsx(pill, "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800")}
    >
      {text}
    </Link>
  );
}
