// Topic assignment measured against the judged papers in
// tests/fixtures/eval/topic-judgments.json: precision and recall of assigned
// topics. Shared by `npm run eval` and the floor test.
import fs from "node:fs";
import { tagTopics } from "@/lib/topics/tagger";
import { sampleRecords } from "@/tests/helpers/sample";

export type TopicJudgment = { title: string; topics: string[] };
export type TopicEval = {
  papers: number;
  precision: number;
  recall: number;
  firstTopicAccuracy: number;
  perTopic: Record<string, { tp: number; fp: number; fn: number }>;
  misses: { title: string; expected: string[]; assigned: string[] }[];
};

export function loadTopicJudgments(file = "tests/fixtures/eval/topic-judgments.json"): TopicJudgment[] {
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { papers: TopicJudgment[] }).papers;
}

export function evaluateTopics(judgments = loadTopicJudgments()): TopicEval {
  const byTitle = new Map(sampleRecords().map((r) => [r.title, r]));
  let tp = 0,
    fp = 0,
    fn = 0,
    firstRight = 0;
  const perTopic: TopicEval["perTopic"] = {};
  const misses: TopicEval["misses"] = [];
  const bump = (slug: string, k: "tp" | "fp" | "fn") => ((perTopic[slug] ??= { tp: 0, fp: 0, fn: 0 })[k] += 1);
  for (const j of judgments) {
    const record = byTitle.get(j.title);
    if (!record) throw new Error(`judged paper not in the sample: ${j.title}`);
    const assigned = tagTopics(record.title, record.abstract).map((m) => m.slug);
    const expected = new Set(j.topics);
    for (const s of assigned) expected.has(s) ? (tp++, bump(s, "tp")) : (fp++, bump(s, "fp"));
    for (const s of expected) if (!assigned.includes(s)) (fn++, bump(s, "fn"));
    if (assigned[0] && expected.has(assigned[0])) firstRight++;
    if (assigned.join() !== j.topics.join()) misses.push({ title: j.title, expected: j.topics, assigned });
  }
  return {
    papers: judgments.length,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    firstTopicAccuracy: firstRight / judgments.length,
    perTopic,
    misses,
  };
}
