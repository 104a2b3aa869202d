// Large result lists are put in listing order by walking the catalog-wide order
// instead of sorting them; both ways must give the same order.
import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/search/query";
import { allHits, COMPARE, createState, DIRECT_SORT_LIMIT, putPaper, selectHits } from "@/lib/search/state";

const count = DIRECT_SORT_LIMIT + 300;
const state = createState();
const words = ["wombat", "numbat", "quokka", "bilby"];
for (let id = 1; id <= count; id++) {
  const day = `2026-0${1 + (id % 9)}-${String(1 + (id % 28)).padStart(2, "0")}`;
  putPaper(state, {
    id,
    slug: `p${id}`,
    title: `Paper ${(id * 7919) % count} on ${words[id % 4]} studies`,
    abstract: `We study ${words[id % 4]} and marsupial learning in setting ${id}.`,
    keyPhrases: [],
    topics: id % 3 ? ["multimodal"] : [],
    lastFeedDate: day,
    lastRank: (id * 31) % 50,
    newestOn: day,
    sortTitle: `paper ${(id * 7919) % count}`,
  });
}

describe("results in a listing order", () => {
  it.each(["trending", "newest", "title"] as const)(
    `come out %s-sorted, the same as sorting them directly, past ${DIRECT_SORT_LIMIT} results`,
    (sort) => {
      const selection = selectAll(sort);
      expect(selection.length).toBeGreaterThan(DIRECT_SORT_LIMIT);
      const expected = [...selection]
        .map((h) => ({ id: h.id, ...state.keys.get(h.id)! }))
        .sort(COMPARE[sort])
        .map((k) => k.id);
      expect(selection.map((h) => h.id)).toEqual(expected);
    },
  );
});

/** Every paper that mentions marsupials (all of them), in the given order. */
const selectAll = (sort: "trending" | "newest" | "title") =>
  allHits(
    selectHits(
      state,
      parseQuery("marsupial", () => false),
      sort,
    ),
  );
