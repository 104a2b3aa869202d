import { describe, expect, it } from "vitest";
import { evaluateSearch, loadSearchJudgments } from "@/scripts/lib/search-eval";
import { evaluateTopics, loadTopicJudgments } from "@/scripts/lib/topic-eval";

// Floors the current search and tagger meet on the judged sets (npm run eval shows
// the full table). A change that makes search or topics worse fails here.
const SEARCH_FLOORS: Record<string, { successAt1: number; mrrAt10: number }> = {
  all: { successAt1: 0.93, mrrAt10: 0.95 },
  acronym: { successAt1: 1, mrrAt10: 1 },
  expansion: { successAt1: 0.85, mrrAt10: 0.9 },
  topic: { successAt1: 0.9, mrrAt10: 0.95 },
  "multi-word": { successAt1: 0.85, mrrAt10: 0.9 },
  typo: { successAt1: 0.85, mrrAt10: 0.9 },
  phrase: { successAt1: 1, mrrAt10: 1 },
  "no-answer": { successAt1: 1, mrrAt10: 1 },
};

describe("search quality on the judged queries", () => {
  const result = evaluateSearch();

  it("has at least 30 judged queries in every category the issue names", () => {
    const judgments = loadSearchJudgments();
    expect(judgments.length).toBeGreaterThanOrEqual(30);
    expect(new Set(judgments.map((j) => j.category))).toEqual(
      new Set(Object.keys(SEARCH_FLOORS).filter((c) => c !== "all")),
    );
  });

  it.each(Object.entries(SEARCH_FLOORS))("meets the floor for %s queries", (category, floor) => {
    expect(result.ours[category]!.successAt1).toBeGreaterThanOrEqual(floor.successAt1);
    expect(result.ours[category]!.mrrAt10).toBeGreaterThanOrEqual(floor.mrrAt10);
  });

  it("beats plain MiniSearch on the same queries", () => {
    expect(result.ours.all!.mrrAt10).toBeGreaterThan(result.baseline.all!.mrrAt10 + 0.1);
    for (const c of ["typo", "no-answer"])
      expect(result.ours[c]!.successAt1).toBeGreaterThan(result.baseline[c]!.successAt1);
  });
});

describe("topic quality on the judged papers", () => {
  it("judges at least 20 papers and meets the precision and recall floors", () => {
    expect(loadTopicJudgments().length).toBeGreaterThanOrEqual(20);
    const result = evaluateTopics();
    expect(result.precision).toBeGreaterThanOrEqual(0.72);
    expect(result.recall).toBeGreaterThanOrEqual(0.74);
    expect(result.firstTopicAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
