import { describe, expect, it } from "vitest";
import { tagInBackground } from "@/lib/topics/parallel";
import { tagPaper } from "@/lib/topics/tagger";
import { SyntheticGenerator } from "@/scripts/lib/synthetic-feed";

// Large ingests tag new papers on worker threads (lib/topics/parallel.ts): the
// taggings must be tagPaper's, in the right places, whoever computed them.
describe("tagging on worker threads", () => {
  const papers = new SyntheticGenerator(9).day("2026-01-01", 900).papers;

  it(
    "gives every paper tagPaper's tags, from the workers, skipping the papers it was not given",
    { timeout: 120_000 },
    () => {
      const pending = tagInBackground(
        papers.map((p, i) => (i % 7 === 3 ? null : p)),
        2,
      );
      try {
        // Out of order, as an ingest with repeats asks.
        const order = [...papers.keys()].sort((a, b) => (a % 5) - (b % 5) || a - b);
        for (const i of order) {
          const p = papers[i]!;
          expect(pending.take(i, p.title, p.abstract)).toEqual(tagPaper(p.title, p.abstract));
        }
        expect(pending.counts.fromWorkers + pending.counts.inline).toBe(papers.length);
        expect(pending.counts.fromWorkers).toBeGreaterThan(papers.length / 2);
      } finally {
        pending.close();
      }
    },
  );

  it("tags on the calling thread when no worker can start", () => {
    const pending = tagInBackground(papers.slice(0, 20), 0);
    const p = papers[5]!;
    expect(pending.take(5, p.title, p.abstract)).toEqual(tagPaper(p.title, p.abstract));
    expect(pending.counts).toEqual({ fromWorkers: 0, inline: 1 });
    pending.close();
  });
});
