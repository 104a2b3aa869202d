// The bundled sample as an in-memory search state, tagged exactly as the catalog
// would be: what the evaluation and the search tests run against, without a database.
import { parseQuery } from "@/lib/search/query";
import { allHits, createState, putPaper, selectHits, type SearchState, type StatePaper } from "@/lib/search/state";
import { slugBase, sortTitle } from "@/lib/text/identity";
import { tagPaper } from "@/lib/topics/tagger";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";
import { sampleRecords } from "@/tests/helpers/sample";

export type SampleSearch = {
  state: SearchState;
  titleOf: (id: number) => string;
  /** What the site's search selects for a query, ranked. */
  run: (q: string) => ReturnType<typeof selectHits>;
  /** Titles of the results for a query, best first (all of them). */
  search: (q: string) => string[];
};

/** The bundled sample's papers as the search state takes them (ids 1..94 in feed order). */
export function samplePapers(): StatePaper[] {
  return sampleRecords().map((r, i) => {
    const tags = tagPaper(r.title, r.abstract);
    return {
      id: i + 1,
      slug: slugBase(r.titleKey),
      title: r.title,
      abstract: r.abstract,
      keyPhrases: tags.keyPhrases,
      topics: tags.topics.map((t) => t.slug),
      lastFeedDate: r.feedDate,
      lastRank: r.rank,
      newestOn: r.feedDate,
      sortTitle: sortTitle(r.titleKey),
    };
  });
}

export function sampleSearch(): SampleSearch {
  const records = sampleRecords();
  const state = createState();
  for (const paper of samplePapers()) putPaper(state, paper);
  const titleOf = (id: number) => records[id - 1]!.title;
  const run = (q: string) =>
    selectHits(
      state,
      parseQuery(q, (slug) => TOPIC_BY_SLUG.has(slug)),
      "relevance",
    );
  const search = (q: string) => allHits(run(q)).map((h) => titleOf(h.id));
  return { state, titleOf, run, search };
}
