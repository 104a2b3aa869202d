import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isChartable,
  layoutTrend,
  niceCeiling,
  pointLabel,
  trendSeries,
  trendSummary,
  yDomain,
  type ChartBox,
  type TrendAppearance,
} from "@/lib/trend";

const hf = (feedDate: string, rank: number, upvotes: number | null = null): TrendAppearance => ({
  feedDate,
  rank,
  upvotes,
});

/** The multi-day paper of tests/fixtures/feeds/hf-week.json, latest first as the catalog gives it. */
const RISING = [
  hf("2026-11-20", 1, 150),
  hf("2026-11-19", 1, 120),
  hf("2026-11-18", 2, 85),
  hf("2026-11-17", 4, 40),
  hf("2026-11-16", 5, 12),
];

const BOX: ChartBox = { width: 300, height: 120, padding: { top: 10, right: 10, bottom: 10, left: 20 } };

describe("trendSeries", () => {
  it("plots upvotes, oldest day first, when the source counts them", () => {
    const series = trendSeries(RISING);
    expect(series.metric).toBe("upvotes");
    expect(series.points.map((p) => [p.day, p.value])).toEqual([
      ["2026-11-16", 12],
      ["2026-11-17", 40],
      ["2026-11-18", 85],
      ["2026-11-19", 120],
      ["2026-11-20", 150],
    ]);
  });

  it("keeps one point per day: the highest upvotes and the best rank among that day's sources", () => {
    const series = trendSeries([hf("2026-11-20", 7, 30), hf("2026-11-20", 2, null), hf("2026-11-20", 4, 55)]);
    expect(series.points).toEqual([{ day: "2026-11-20", offset: 0, value: 55, rank: 2, upvotes: 55 }]);
  });

  it("leaves out days no source counted upvotes for when plotting upvotes", () => {
    // The merged paper: an arXiv listing day a year before its Hugging Face days.
    const series = trendSeries([hf("2026-11-23", 2, 71), hf("2026-11-20", 3, 58), hf("2025-11-03", 1)]);
    expect(series.metric).toBe("upvotes");
    expect(series.points.map((p) => p.day)).toEqual(["2026-11-20", "2026-11-23"]);
    expect(series.spanDays).toBe(3);
  });

  it("plots each day's best rank when no source counts upvotes", () => {
    const series = trendSeries([hf("2026-03-12", 9), hf("2026-03-11", 4), hf("2026-03-11", 6)]);
    expect(series.metric).toBe("rank");
    expect(series.points.map((p) => [p.day, p.value])).toEqual([
      ["2026-03-11", 4],
      ["2026-03-12", 9],
    ]);
  });

  it("counts offsets in calendar days, so a weekend off the list leaves a gap of three", () => {
    const series = trendSeries([hf("2026-11-19", 5, 33), hf("2026-11-20", 3, 58), hf("2026-11-23", 2, 71)]);
    expect(series.points.map((p) => p.offset)).toEqual([0, 1, 4]);
    expect(series.spanDays).toBe(4);
  });

  it("counts calendar days across a year end and a DST change without drift", () => {
    expect(trendSeries([hf("2026-12-31", 1), hf("2027-01-02", 1)]).points.map((p) => p.offset)).toEqual([0, 2]);
    expect(trendSeries([hf("2026-03-28", 1), hf("2026-03-30", 1)]).spanDays).toBe(2);
  });

  it("returns an empty series for no appearances", () => {
    expect(trendSeries([])).toEqual({ metric: "rank", points: [], spanDays: 0 });
  });
});

describe("isChartable", () => {
  it("charts two or more days but not one, however many sources listed that day", () => {
    expect(isChartable(trendSeries(RISING))).toBe(true);
    expect(isChartable(trendSeries([hf("2026-11-16", 4, 27)]))).toBe(false);
    expect(isChartable(trendSeries([hf("2026-11-16", 4, 27), hf("2026-11-16", 1, null)]))).toBe(false);
  });
});

describe("niceCeiling", () => {
  it.each([
    [0, 10],
    [7, 10],
    [10, 10],
    [11, 20],
    [150, 200],
    [162, 200],
    [200, 200],
    [201, 500],
    [501, 1000],
    [1460, 2000],
  ])("rounds %d up to %d", (n, nice) => {
    expect(niceCeiling(n)).toBe(nice);
  });

  it("is never below the value and less than 2.5 times it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 10_000_000 }), (n) => {
        const c = niceCeiling(n);
        return c >= n && c < 2.5 * n;
      }),
    );
  });
});

describe("yDomain", () => {
  it("runs upvotes from a round number down to zero", () => {
    expect(yDomain(trendSeries(RISING))).toEqual({ top: 200, bottom: 0 });
  });

  it("runs ranks from #1 down to at least #5, rounding larger ranks up", () => {
    expect(yDomain(trendSeries([hf("2026-03-11", 2), hf("2026-03-12", 3)]))).toEqual({ top: 1, bottom: 5 });
    expect(yDomain(trendSeries([hf("2026-03-11", 2), hf("2026-03-12", 12)]))).toEqual({ top: 1, bottom: 20 });
  });
});

describe("layoutTrend", () => {
  const plot = { left: 20, right: 290, top: 10, bottom: 110 };

  it("puts the first day at the left edge of the plot and the last at the right", () => {
    const { points } = layoutTrend(trendSeries(RISING), BOX);
    expect(points[0]!.x).toBe(plot.left);
    expect(points.at(-1)!.x).toBe(plot.right);
  });

  it("places upvotes in proportion, with zero at the bottom", () => {
    const { points } = layoutTrend(
      trendSeries([hf("2026-11-16", 1, 0), hf("2026-11-17", 1, 50), hf("2026-11-18", 1, 100)]),
      BOX,
    );
    expect(points.map((p) => p.y)).toEqual([plot.bottom, (plot.top + plot.bottom) / 2, plot.top]);
  });

  it("puts rank #1 at the top and lower ranks further down", () => {
    const { points } = layoutTrend(trendSeries([hf("2026-03-11", 1), hf("2026-03-12", 5), hf("2026-03-13", 3)]), BOX);
    expect(points.map((p) => p.y)).toEqual([plot.top, plot.bottom, (plot.top + plot.bottom) / 2]);
  });

  it("spaces points by calendar day, so missing days widen the step", () => {
    const { points } = layoutTrend(
      trendSeries([hf("2026-11-16", 1, 5), hf("2026-11-17", 1, 6), hf("2026-11-20", 1, 7)]),
      BOX,
    );
    const [a, b, c] = points.map((p) => p.x) as [number, number, number];
    expect(c - b).toBeCloseTo(3 * (b - a), 0);
  });

  it("marks the segments that skip days as gaps", () => {
    const series = trendSeries([hf("2026-11-19", 5, 33), hf("2026-11-20", 3, 58), hf("2026-11-23", 2, 71)]);
    expect(layoutTrend(series, BOX).segments.map((s) => [s.from.day, s.to.day, s.gap])).toEqual([
      ["2026-11-19", "2026-11-20", false],
      ["2026-11-20", "2026-11-23", true],
    ]);
  });

  it("ticks each calendar day of a short span and none of a long one", () => {
    const short = layoutTrend(trendSeries([hf("2026-11-19", 1, 1), hf("2026-11-23", 1, 2)]), BOX);
    expect(short.ticks).toHaveLength(5);
    expect(short.ticks[0]).toBe(plot.left);
    expect(short.ticks.at(-1)).toBe(plot.right);
    const long = layoutTrend(trendSeries([hf("2026-01-01", 1), hf("2026-11-23", 1)]), BOX);
    expect(long.ticks).toEqual([]);
  });

  it("keeps every point inside the plot area", () => {
    const appearance = fc.record({
      feedDate: fc
        .integer({ min: 0, max: 400 })
        .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10)),
      rank: fc.integer({ min: 1, max: 60 }),
      upvotes: fc.option(fc.integer({ min: 0, max: 5000 })),
    });
    fc.assert(
      fc.property(fc.array(appearance, { minLength: 1, maxLength: 30 }), (appearances) => {
        const series = trendSeries(appearances);
        if (!isChartable(series)) return true;
        return layoutTrend(series, BOX).points.every(
          (p) => p.x >= plot.left && p.x <= plot.right && p.y >= plot.top && p.y <= plot.bottom,
        );
      }),
    );
  });
});

describe("trendSummary", () => {
  it("names the metric and the first and last day's values", () => {
    expect(trendSummary(trendSeries(RISING))).toBe("Upvotes by day, from 12 on Nov 16 to 150 on Nov 20");
  });

  it("adds the peak when it lies between the first and last day", () => {
    const series = trendSeries([
      hf("2026-11-23", 1, 95),
      hf("2026-11-24", 1, 140),
      hf("2026-11-25", 2, 118),
      hf("2026-11-26", 3, 76),
    ]);
    expect(trendSummary(series)).toBe("Upvotes by day, from 95 on Nov 23 to 76 on Nov 26, highest 140 on Nov 24");
  });

  it("states ranks with # and their best rank in between", () => {
    expect(trendSummary(trendSeries([hf("2026-03-11", 5), hf("2026-03-12", 1)]))).toBe(
      "Rank by day, from #5 on Mar 11 to #1 on Mar 12",
    );
    expect(trendSummary(trendSeries([hf("2026-03-11", 5), hf("2026-03-12", 2), hf("2026-03-13", 4)]))).toBe(
      "Rank by day, from #5 on Mar 11 to #4 on Mar 13, best #2 on Mar 12",
    );
  });

  it("gives years when the days span two years", () => {
    expect(trendSummary(trendSeries([hf("2026-12-30", 1, 10), hf("2027-01-02", 1, 30)]))).toBe(
      "Upvotes by day, from 10 on Dec 30, 2026 to 30 on Jan 2, 2027",
    );
  });

  it("describes a single day without a range", () => {
    expect(trendSummary(trendSeries([hf("2026-11-16", 4, 27)]))).toBe("Upvotes on Nov 16: 27");
  });
});

describe("pointLabel", () => {
  it("gives the day with its year, the value and the rank", () => {
    const [first] = trendSeries([hf("2026-11-18", 2, 85)]).points;
    expect(pointLabel("upvotes", first!)).toBe("Nov 18, 2026: 85 upvotes, #2");
    const [one] = trendSeries([hf("2026-11-18", 6, 1)]).points;
    expect(pointLabel("upvotes", one!)).toBe("Nov 18, 2026: 1 upvote, #6");
    expect(pointLabel("rank", trendSeries([hf("2026-03-11", 4)]).points[0]!)).toBe("Mar 11, 2026: #4");
  });
});
