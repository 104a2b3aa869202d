// Search quality measured against the judged queries in
// tests/fixtures/eval/search-judgments.json, for Papershelf's search and for
// plain MiniSearch with default options (title and abstract) as the baseline.
// Shared by `npm run eval` and the floor test.
import fs from "node:fs";
import MiniSearch from "minisearch";
import { plainText } from "@/lib/text/rich-text";
import { sampleRecords } from "@/tests/helpers/sample";
import { allHits } from "@/lib/search/state";
import { sampleSearch } from "./sample-state";

export type Judgment = { id: string; query: string; category: string; best: string | null; relevant: string[] };
export type Metrics = { queries: number; successAt1: number; successAt3: number; mrrAt10: number };
export type QueryOutcome = {
  id: string;
  query: string;
  category: string;
  rank: number | null;
  top: string[];
  weak: boolean;
};
export type SearchEval = { ours: Record<string, Metrics>; baseline: Record<string, Metrics>; outcomes: QueryOutcome[] };

export function loadSearchJudgments(file = "tests/fixtures/eval/search-judgments.json"): Judgment[] {
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { queries: Judgment[] }).queries;
}

/** A search system under evaluation: a query's result titles (best first) and whether they are marked weak. */
type System = (q: string) => { titles: string[]; weak: boolean };

/**
 * Per query: the rank of the first relevant result (answerable queries), or,
 * for queries with no good answer, rank 1 when the system returns nothing or
 * clearly marks its results as weak, none otherwise.
 */
function outcome(j: Judgment, system: System): QueryOutcome {
  const { titles, weak } = system(j.query);
  const top = titles.slice(0, 10);
  if (j.relevant.length === 0) {
    return { id: j.id, query: j.query, category: j.category, rank: titles.length === 0 || weak ? 1 : null, top, weak };
  }
  const relevant = new Set(j.relevant);
  const at = top.findIndex((t) => relevant.has(t));
  return { id: j.id, query: j.query, category: j.category, rank: at >= 0 ? at + 1 : null, top, weak };
}

function metrics(outcomes: QueryOutcome[]): Record<string, Metrics> {
  const groups = new Map<string, QueryOutcome[]>([["all", outcomes]]);
  for (const o of outcomes) groups.set(o.category, [...(groups.get(o.category) ?? []), o]);
  const result: Record<string, Metrics> = {};
  for (const [name, os] of groups) {
    const share = (ok: (o: QueryOutcome) => boolean) => os.filter(ok).length / os.length;
    result[name] = {
      queries: os.length,
      successAt1: share((o) => o.rank === 1),
      successAt3: share((o) => o.rank !== null && o.rank <= 3),
      mrrAt10: os.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / os.length,
    };
  }
  return result;
}

/** Plain MiniSearch, default options, over title and abstract: what Papershelf has to beat. */
function baselineSystem(): System {
  const records = sampleRecords();
  const index = new MiniSearch({ fields: ["title", "abstract"] });
  index.addAll(records.map((r, i) => ({ id: i + 1, title: plainText(r.title), abstract: plainText(r.abstract) })));
  return (q) => ({ titles: index.search(q).map((r) => records[(r.id as number) - 1]!.title), weak: false });
}

function papershelfSystem(): System {
  const { titleOf, run } = sampleSearch();
  return (q) => {
    const selection = run(q);
    return { titles: allHits(selection).map((h) => titleOf(h.id)), weak: selection.mode === "partial" };
  };
}

export function evaluateSearch(judgments = loadSearchJudgments()): SearchEval {
  const ours = judgments.map((j) => outcome(j, papershelfSystem()));
  const baseline = judgments.map((j) => outcome(j, baselineSystem()));
  return { ours: metrics(ours), baseline: metrics(baseline), outcomes: ours };
}
