// A paper's trend as a small inline SVG: upvotes (or rank) by calendar day.
// Drawn entirely on the server with no chart library and no client JavaScript,
// on purpose: the detail page ships no JS of its own, and a handful of points
// needs only a path and some circles. Hover labels are SVG <title>s; the whole
// chart is one image named by a summary sentence, and the exact values are in
// the list beside it (components/trend-history.tsx). Colours are currentColor
// from Tailwind classes, so dark mode needs nothing else. lib/trend.ts does the maths.
import { shortDay } from "@/lib/feed/dates";
import {
  formatValue,
  isChartable,
  layoutTrend,
  pointLabel,
  trendSummary,
  type ChartBox,
  type PlacedPoint,
  type TrendSeries,
} from "@/lib/trend";

const BOX: ChartBox = { width: 320, height: 132, padding: { top: 20, right: 12, bottom: 22, left: 38 } };

const path = (pairs: { from: PlacedPoint; to: PlacedPoint }[]) =>
  pairs.map(({ from, to }) => `M${from.x} ${from.y}L${to.x} ${to.y}`).join("");

export function TrendChart({ series }: { series: TrendSeries }) {
  if (!isChartable(series)) return null;
  const { points, segments, ticks, domain, plot } = layoutTrend(series, BOX);
  const first = points[0]!;
  const last = points.at(-1)!;
  const withYear = first.day.slice(0, 4) !== last.day.slice(0, 4);
  const solid = segments.filter((s) => !s.gap);
  const gaps = segments.filter((s) => s.gap);
  return (
    <svg
      role="img"
      aria-label={trendSummary(series)}
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      className="block h-auto min-w-0 max-w-md flex-[1_1_18rem] overflow-visible text-zinc-500 dark:text-zinc-400"
    >
      <g stroke="currentColor" className="text-zinc-200 dark:text-zinc-700">
        <line x1={plot.left} x2={plot.right} y1={plot.top} y2={plot.top} strokeDasharray="2 3" />
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        {ticks.map((x) => (
          <line key={x} x1={x} x2={x} y1={plot.bottom} y2={plot.bottom + 3} />
        ))}
      </g>
      <g fill="currentColor" fontSize="11">
        <text x={plot.left} y={10}>
          {series.metric === "upvotes" ? "Upvotes" : "Rank (#1 at the top)"}
        </text>
        <text x={plot.left - 6} y={plot.top} textAnchor="end" dominantBaseline="middle">
          {formatValue(series.metric, domain.top)}
        </text>
        <text x={plot.left - 6} y={plot.bottom} textAnchor="end" dominantBaseline="middle">
          {formatValue(series.metric, domain.bottom)}
        </text>
        <text x={plot.left} y={BOX.height - 4}>
          {shortDay(first.day, withYear)}
        </text>
        <text x={plot.right} y={BOX.height - 4} textAnchor="end">
          {shortDay(last.day, withYear)}
        </text>
      </g>
      <g
        fill="none"
        stroke="currentColor"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="text-indigo-600 dark:text-indigo-400"
      >
        {solid.length > 0 && <path d={path(solid)} strokeWidth="2" />}
        {/* Days off the list: a dashed line says "no data", not "flat". */}
        {gaps.length > 0 && <path d={path(gaps)} strokeWidth="1.5" strokeDasharray="2 4" />}
      </g>
      <g className="text-indigo-600 dark:text-indigo-400">
        {points.map((p) => (
          <g key={p.day}>
            <title>{pointLabel(series.metric, p)}</title>
            {/* A larger invisible target, so the hover label is easy to hit. */}
            <circle cx={p.x} cy={p.y} r="9" fill="transparent" />
            <circle
              cx={p.x}
              cy={p.y}
              r="3.5"
              fill="currentColor"
              strokeWidth="1.5"
              className="stroke-white dark:stroke-zinc-900"
            />
          </g>
        ))}
      </g>
    </svg>
  );
}
