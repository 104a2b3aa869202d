import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrendChart } from "@/components/trend-chart";
import { TrendHistory } from "@/components/trend-history";
import type { Appearance } from "@/lib/catalog";
import { trendSeries } from "@/lib/trend";

const html = (node: React.ReactElement) => renderToStaticMarkup(node);
const count = (out: string, re: RegExp) => out.match(re)?.length ?? 0;
/** Each list item's text, tags stripped, cells separated by "|". */
const items = (out: string) =>
  [...out.matchAll(/<li [^>]*>(.*?)<\/li>/g)].map((m) =>
    m[1]!
      .replace(/<\/(time|span)><(time|span)[^>]*>/g, "|")
      .replace(/<[^>]+>/g, "")
      .replace(/&#x27;/g, "'"),
  );

const day = (feedDate: string, rank: number, upvotes: number | null, source = "hf"): Appearance => ({
  feedDate,
  rank,
  source,
  upvotes,
  githubStars: null,
});

// Latest first, as the catalog gives them; Fri Nov 20 to Mon Nov 23 skips a weekend.
const WITH_GAP = [day("2026-11-23", 2, 71), day("2026-11-20", 3, 58), day("2026-11-19", 5, 33)];

describe("TrendChart", () => {
  it("is one image named by its summary sentence", () => {
    const out = html(<TrendChart series={trendSeries(WITH_GAP)} />);
    expect(count(out, /<svg /g)).toBe(1);
    expect(out).toContain('role="img"');
    expect(out).toContain('aria-label="Upvotes by day, from 33 on Nov 19 to 71 on Nov 23"');
  });

  it("gives every day a point with a hover title stating its value", () => {
    const out = html(<TrendChart series={trendSeries(WITH_GAP)} />);
    expect(count(out, /<circle [^>]*r="3.5"/g)).toBe(3);
    expect(out.match(/<title>[^<]*<\/title>/g)).toEqual([
      "<title>Nov 19, 2026: 33 upvotes, #5</title>",
      "<title>Nov 20, 2026: 58 upvotes, #3</title>",
      "<title>Nov 23, 2026: 71 upvotes, #2</title>",
    ]);
  });

  it("labels the axes with the first and last day and the value range", () => {
    const out = html(<TrendChart series={trendSeries(WITH_GAP)} />);
    for (const label of ["Upvotes", "100", "0", "Nov 19", "Nov 23"]) expect(out).toContain(`>${label}</text>`);
  });

  it("draws a dashed line across days off the list, and no dashed line without gaps", () => {
    const gapped = html(<TrendChart series={trendSeries(WITH_GAP)} />);
    expect(count(gapped, /<path [^>]*stroke-dasharray/g)).toBe(1);
    const daily = html(<TrendChart series={trendSeries(WITH_GAP.slice(1))} />);
    expect(count(daily, /<path /g)).toBe(1);
    expect(daily).not.toMatch(/<path [^>]*stroke-dasharray/);
  });

  it("labels a rank chart with #1 at the top", () => {
    const out = html(<TrendChart series={trendSeries([day("2026-03-12", 2, null), day("2026-03-11", 4, null)])} />);
    expect(out).toContain('aria-label="Rank by day, from #4 on Mar 11 to #2 on Mar 12"');
    expect(out).toContain(">#1</text>");
    expect(out).toContain(">#5</text>");
  });

  it("draws nothing for a single day", () => {
    expect(html(<TrendChart series={trendSeries([day("2026-11-16", 4, 27)])} />)).toBe("");
  });

  it("colours itself with currentColor, never a fixed colour, so dark mode follows the text colour", () => {
    const out = html(<TrendChart series={trendSeries(WITH_GAP)} />);
    expect(out).not.toMatch(/(fill|stroke)="#/);
    expect(out).toContain('stroke="currentColor"');
  });
});

describe("TrendHistory", () => {
  it("lists every appearance with its day, rank and upvotes next to the chart", () => {
    const out = html(<TrendHistory appearances={WITH_GAP} />);
    expect(out).toContain("<svg ");
    expect(items(out)).toEqual([
      "Mon, Nov 23, 2026|#2|71 upvotes",
      "Fri, Nov 20, 2026|#3|58 upvotes",
      "Thu, Nov 19, 2026|#5|33 upvotes",
    ]);
    expect(out).toContain('<time dateTime="2026-11-23"');
    expect(out).toContain("From Hugging Face&#x27;s daily papers.");
  });

  it("names each appearance's source only when more than one source listed the paper", () => {
    const out = html(<TrendHistory appearances={[...WITH_GAP, day("2025-11-03", 1, null, "arxiv")]} />);
    expect(items(out)).toEqual([
      "Mon, Nov 23, 2026|Hugging Face|#2|71 upvotes",
      "Fri, Nov 20, 2026|Hugging Face|#3|58 upvotes",
      "Thu, Nov 19, 2026|Hugging Face|#5|33 upvotes",
      "Mon, Nov 3, 2025|arXiv|#1|–|no upvote count",
    ]);
    expect(out).not.toContain("From Hugging Face");
  });

  it("shows a one-day history as a list without a chart", () => {
    const out = html(<TrendHistory appearances={[day("2026-11-16", 4, 27)]} />);
    expect(out).not.toContain("<svg");
    expect(items(out)).toEqual(["Mon, Nov 16, 2026|#4|27 upvotes"]);
  });

  it("keeps a trending-page day as just its day and rank (no upvotes column)", () => {
    const out = html(<TrendHistory appearances={[day("2026-03-11", 3, null, "text-page")]} />);
    expect(items(out)).toEqual(["Wed, Mar 11, 2026|#3"]);
  });
});
