import { describe, expect, it } from "vitest";
import { MAX_ABSTRACT_LENGTH, validateEntries, type FeedEntry } from "@/lib/feed/schema";

const entry = (over: Partial<FeedEntry>, n = 1): FeedEntry => ({
  entry: n,
  line: n * 2,
  source: "text-page",
  title: `Paper ${n}`,
  abstract: "An abstract.",
  feedDate: "2026-03-11",
  rank: n,
  ...over,
});

const reasonFor = (over: Partial<FeedEntry>) => validateEntries([entry(over)]).rejected[0]?.reason;

describe("validateEntries", () => {
  it("accepts a complete entry and derives its identity from the normalised title", () => {
    const { records, rejected } = validateEntries([entry({ title: "  MATES:  Model-Aware Data Selection " })]);
    expect(rejected).toEqual([]);
    expect(records[0]).toMatchObject({
      title: "MATES: Model-Aware Data Selection",
      key: "title:mates model aware data selection",
    });
  });

  it("keys a paper by its arXiv id when the source gives one", () => {
    expect(validateEntries([entry({ arxivId: "2406.06046" })]).records[0]!.key).toBe("arxiv:2406.06046");
  });

  it.each([
    [{ abstract: undefined }, "has no abstract"],
    [{ abstract: "   " }, "has an empty abstract"],
    [{ title: undefined }, "has no title"],
    [{ title: "?!… —" }, "has a title with no letters or digits"],
    [{ title: "x".repeat(501) }, "has a title longer than 500 characters"],
    [{ abstract: "y".repeat(MAX_ABSTRACT_LENGTH + 1) }, "has an abstract longer than 100,000 characters"],
    [{ feedDate: "2026-02-30" }, "has an invalid feed date (want YYYY-MM-DD)"],
    [{ rank: 0 }, "has a rank below 1"],
    [{ arxivId: "abs/1234" }, "has an invalid arXiv id (want e.g. 2401.12345)"],
  ])("rejects %o because it %s", (over, reason) => {
    expect(reasonFor(over)).toBe(reason);
  });

  it("reports a rejected entry by number, line and a short title, and keeps the good ones", () => {
    const { records, rejected } = validateEntries([
      entry({}, 1),
      entry({ abstract: undefined, title: "T".repeat(200) }, 2),
      entry({}, 3),
    ]);
    expect(records.map((r) => r.entry)).toEqual([1, 3]);
    expect(rejected).toEqual([{ entry: 2, line: 4, title: `${"T".repeat(77)}...`, reason: "has no abstract" }]);
  });

  it("rejects a repeat of the same paper on the same day but not on another day", () => {
    const { records, rejected } = validateEntries([
      entry({ title: "Bag of Tricks" }, 1),
      entry({ title: "bag-of-tricks!" }, 2),
      entry({ title: "BAG OF TRICKS", feedDate: "2026-03-12" }, 3),
    ]);
    expect(records.map((r) => r.entry)).toEqual([1, 3]);
    expect(rejected.map((r) => r.reason)).toEqual(["repeats entry 1"]);
  });
});
