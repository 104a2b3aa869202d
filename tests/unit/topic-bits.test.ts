import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/search/query";
import { selectHits } from "@/lib/search/state";
import { TopicBits } from "@/lib/search/topic-bits";
import { sampleSearch } from "@/scripts/lib/sample-state";
import { TOPICS } from "@/lib/topics/taxonomy";

const SLUGS = TOPICS.map((t) => t.slug);

/** Papers with random ids (some far apart, so the masks grow) and random taxonomy topics. */
const papers = fc.uniqueArray(
  fc.record({ id: fc.integer({ min: 1, max: 200_000 }), topics: fc.subarray(SLUGS, { maxLength: 5 }) }),
  { selector: (p) => p.id, maxLength: 60 },
);

describe("TopicBits, the per-paper topic masks behind topic filters and facet counts", () => {
  it("counts topics over any set of papers exactly as counting their slug lists does", () => {
    fc.assert(
      fc.property(papers, fc.integer({ min: 0, max: 59 }), (list, cut) => {
        const bits = new TopicBits();
        for (const p of list) bits.set(p.id, p.topics);
        const chosen = list.slice(0, cut);
        const expected = new Map<string, number>();
        for (const p of chosen) for (const t of p.topics) expected.set(t, (expected.get(t) ?? 0) + 1);
        expect(bits.count(chosen.map((p) => p.id))).toEqual(expected);
      }),
    );
  });

  it("keeps a paper only when it has every topic asked for, including the taxonomy's last ones", () => {
    fc.assert(
      fc.property(papers, fc.subarray(SLUGS, { minLength: 1, maxLength: 3 }), (list, wanted) => {
        const bits = new TopicBits();
        for (const p of list) bits.set(p.id, p.topics);
        const mask = TopicBits.maskOf(wanted);
        for (const p of list) expect(bits.hasAll(p.id, mask)).toBe(wanted.every((t) => p.topics.includes(t)));
      }),
    );
    const bits = new TopicBits();
    const last = SLUGS.slice(-2);
    bits.set(7, last);
    expect(bits.hasAll(7, TopicBits.maskOf(last))).toBe(true);
    expect(bits.hasAll(7, TopicBits.maskOf([SLUGS[0]!, ...last]))).toBe(false);
  });

  it("forgets a removed or re-tagged paper's topics and ignores slugs outside the taxonomy", () => {
    const bits = new TopicBits();
    bits.set(3, [SLUGS[0]!, "no-longer-a-topic"]);
    expect(bits.count([3])).toEqual(new Map([[SLUGS[0]!, 1]]));
    bits.set(3, [SLUGS[1]!]);
    expect(bits.count([3])).toEqual(new Map([[SLUGS[1]!, 1]]));
    bits.clear(3);
    expect(bits.count([3])).toEqual(new Map());
    expect(bits.hasAll(999_999, TopicBits.maskOf([SLUGS[0]!]))).toBe(false);
  });

  it("lets no paper through a filter on a topic outside the taxonomy", () => {
    const { state } = sampleSearch();
    const all = selectHits(state, { ...parseQuery("", () => true), topics: [] }, "trending");
    expect(all.size).toBe(94);
    const filtered = selectHits(state, { ...parseQuery("", () => true), topics: ["not-a-topic"] }, "trending");
    expect(filtered.size).toBe(0);
    const mixed = selectHits(state, { ...parseQuery("", () => true), topics: [SLUGS[0]!, "not-a-topic"] }, "trending");
    expect(mixed.size).toBe(0);
  });
});
