// `npm run eval [-- --verbose]`: search quality (success@1, success@3, MRR@10 per
// query category, against plain MiniSearch as the baseline) and topic quality
// (precision and recall) on the bundled sample and its judged sets in
// tests/fixtures/eval. --verbose lists every query that missed.
import { evaluateSearch } from "./lib/search-eval";
import { evaluateTopics } from "./lib/topic-eval";

const verbose = process.argv.includes("--verbose");
const pct = (n: number) => `${(n * 100).toFixed(0)}%`.padStart(5);
const num = (n: number) => n.toFixed(2).padStart(5);

const search = evaluateSearch();
const categories = Object.keys(search.ours)
  .filter((c) => c !== "all")
  .concat("all");
process.stdout.write("Search (Papershelf | plain MiniSearch)\n");
process.stdout.write(`${"category".padEnd(11)} ${"n".padStart(3)}   S@1   S@3 MRR@10 |   S@1   S@3 MRR@10\n`);
for (const c of categories) {
  const o = search.ours[c]!;
  const b = search.baseline[c]!;
  process.stdout.write(
    `${c.padEnd(11)} ${String(o.queries).padStart(3)} ${pct(o.successAt1)} ${pct(o.successAt3)}  ${num(o.mrrAt10)} | ${pct(b.successAt1)} ${pct(b.successAt3)}  ${num(b.mrrAt10)}\n`,
  );
}
if (verbose) {
  for (const o of search.outcomes.filter((x) => x.rank !== 1)) {
    process.stdout.write(
      `  miss ${o.category}: ${o.query} -> rank ${o.rank ?? "none"}; top: ${o.top.slice(0, 3).join(" | ")}\n`,
    );
  }
}

const topics = evaluateTopics();
process.stdout.write(
  `\nTopics over ${topics.papers} judged papers: precision ${pct(topics.precision)}, recall ${pct(topics.recall)}, first topic right ${pct(topics.firstTopicAccuracy)}\n`,
);
if (verbose) {
  for (const m of topics.misses) {
    process.stdout.write(
      `  ${m.title.slice(0, 70)}: judged ${m.expected.join(", ")}; assigned ${m.assigned.join(", ")}\n`,
    );
  }
}
