// A paper's trend history shaped for the detail page's chart: one point per day,
// the metric to plot (upvotes when any source counted them, else feed rank),
// positions in a fixed SVG box, and the sentence that names the chart for screen
// readers. Pure: no React, no database, no clock; days are "YYYY-MM-DD" strings
// read in UTC (like lib/periods.ts), so a point never shifts with the time zone.

import { shortDay } from "@/lib/feed/dates";
import { daysApart } from "@/lib/periods";

/** What the chart needs from an appearance (lib/catalog's Appearance fits). */
export type TrendAppearance = { feedDate: string; rank: number; upvotes: number | null };

export type TrendMetric = "upvotes" | "rank";

export type TrendPoint = {
  day: string;
  /** Calendar days since the series' first point, so gaps between days stay visible. */
  offset: number;
  /** What is plotted: the day's upvotes or its rank. */
  value: number;
  /** Best (lowest) rank any source gave the paper that day. */
  rank: number;
  /** Highest upvotes any source reported that day, or null when none counted them. */
  upvotes: number | null;
};

export type TrendSeries = {
  metric: TrendMetric;
  /** Oldest first. */
  points: TrendPoint[];
  /** Calendar days from the first point to the last (0 for a single point). */
  spanDays: number;
};

/**
 * One point per day, oldest first. Plots upvotes when any appearance has them,
 * taking each day's highest count and leaving out days no source counted
 * (an arXiv listing day, say): they stay in the text history. Otherwise plots
 * each day's best rank.
 */
export function trendSeries(appearances: readonly TrendAppearance[]): TrendSeries {
  const byDay = new Map<string, { rank: number; upvotes: number | null }>();
  for (const a of appearances) {
    const seen = byDay.get(a.feedDate);
    if (!seen) byDay.set(a.feedDate, { rank: a.rank, upvotes: a.upvotes });
    else {
      seen.rank = Math.min(seen.rank, a.rank);
      if (a.upvotes !== null) seen.upvotes = Math.max(seen.upvotes ?? 0, a.upvotes);
    }
  }
  const metric: TrendMetric = appearances.some((a) => a.upvotes !== null) ? "upvotes" : "rank";
  const days = [...byDay.entries()]
    .filter(([, d]) => metric === "rank" || d.upvotes !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const first = days[0]?.[0];
  const points = days.map(([day, d]) => ({
    day,
    offset: daysApart(first!, day),
    value: metric === "upvotes" ? d.upvotes! : d.rank,
    rank: d.rank,
    upvotes: d.upvotes,
  }));
  return { metric, points, spanDays: points.at(-1)?.offset ?? 0 };
}

/** Whether the series is worth a chart: one day is just a line in the list. */
export function isChartable(series: TrendSeries): boolean {
  return series.points.length >= 2;
}

/** The smallest 1, 2 or 5 times a power of ten that is at least `n` (at least 10). */
export function niceCeiling(n: number): number {
  if (n <= 10) return 10;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((c) => c >= n)!;
}

/**
 * The value range the y axis shows, top first: upvotes from a round number
 * down to 0; ranks from #1 at the top down to a round rank (at least #5, so a
 * move from #2 to #3 does not fill the whole height).
 */
export function yDomain(series: TrendSeries): { top: number; bottom: number } {
  const max = Math.max(...series.points.map((p) => p.value));
  if (series.metric === "upvotes") return { top: niceCeiling(max), bottom: 0 };
  return { top: 1, bottom: max <= 5 ? 5 : niceCeiling(max) };
}

export type ChartBox = {
  width: number;
  height: number;
  /** Room around the plot area for axis labels. */
  padding: { top: number; right: number; bottom: number; left: number };
};

export type PlacedPoint = TrendPoint & { x: number; y: number };

export type TrendGeometry = {
  points: PlacedPoint[];
  /** Lines between consecutive points; `gap` when days without the paper lie between them. */
  segments: { from: PlacedPoint; to: PlacedPoint; gap: boolean }[];
  /** A tick per calendar day of the span, or none when the span is too long for ticks to mean anything. */
  ticks: number[];
  domain: { top: number; bottom: number };
  plot: { left: number; right: number; top: number; bottom: number };
};

/** Days up to which every calendar day gets a tick on the x axis. */
const MAX_TICKED_DAYS = 45;
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Places a chartable series (two or more points) in `box`: x by calendar day
 * (so a weekend off the list shows as a wider step), y by value within yDomain.
 */
export function layoutTrend(series: TrendSeries, box: ChartBox): TrendGeometry {
  const plot = {
    left: box.padding.left,
    right: box.width - box.padding.right,
    top: box.padding.top,
    bottom: box.height - box.padding.bottom,
  };
  const domain = yDomain(series);
  const span = Math.max(series.spanDays, 1);
  const xOf = (offset: number) => round(plot.left + (offset / span) * (plot.right - plot.left));
  const yOf = (value: number) =>
    round(plot.top + ((value - domain.top) / (domain.bottom - domain.top)) * (plot.bottom - plot.top));
  const points = series.points.map((p) => ({ ...p, x: xOf(p.offset), y: yOf(p.value) }));
  const segments = points.slice(1).map((to, i) => ({ from: points[i]!, to, gap: to.offset - points[i]!.offset > 1 }));
  const ticks =
    series.spanDays <= MAX_TICKED_DAYS ? Array.from({ length: series.spanDays + 1 }, (_, offset) => xOf(offset)) : [];
  return { points, segments, ticks, domain, plot };
}

/** A value as axis labels and the summary state it: "85" upvotes, rank "#2". */
export function formatValue(metric: TrendMetric, value: number): string {
  return metric === "rank" ? `#${value}` : String(value);
}

/** What a point's hover label says: "Nov 18, 2026: 85 upvotes, #2". */
export function pointLabel(metric: TrendMetric, point: TrendPoint): string {
  const day = shortDay(point.day, true);
  if (metric === "rank") return `${day}: #${point.rank}`;
  return `${day}: ${point.value} ${point.value === 1 ? "upvote" : "upvotes"}, #${point.rank}`;
}

/**
 * The chart in one sentence, for its accessible name: "Upvotes by day, from 12
 * on Nov 16 to 150 on Nov 20", adding the peak when it lies in between
 * ("…, highest 140 on Nov 24") and years when the series spans two.
 */
export function trendSummary(series: TrendSeries): string {
  const { metric, points } = series;
  const first = points[0];
  const last = points.at(-1);
  const noun = metric === "upvotes" ? "Upvotes" : "Rank";
  if (!first || !last) return `${noun} by day: no data`;
  const withYear = first.day.slice(0, 4) !== last.day.slice(0, 4);
  const at = (p: TrendPoint) => `${formatValue(metric, p.value)} on ${shortDay(p.day, withYear)}`;
  if (points.length === 1) return `${noun} on ${shortDay(first.day, withYear)}: ${formatValue(metric, first.value)}`;
  // The best point: most upvotes, or lowest rank; the earliest when tied.
  const best = points.reduce((b, p) => ((metric === "upvotes" ? p.value > b.value : p.value < b.value) ? p : b));
  const peak =
    best.value !== first.value && best.value !== last.value
      ? `, ${metric === "upvotes" ? "highest" : "best"} ${at(best)}`
      : "";
  return `${noun} by day, from ${at(first)} to ${at(last)}${peak}`;
}
