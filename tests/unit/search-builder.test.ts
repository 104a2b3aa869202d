// The first start on a catalog without a saved index builds the segment directly
// (lib/search/builder.ts) instead of through a MiniSearch delta. Searches must not
// be able to tell: the segment has to be the one putPaper + compact would make.
import { describe, expect, it } from "vitest";
import { SegmentBuilder } from "@/lib/search/builder";
import { compact, createState, putPaper, selectHits, StateBuilder, type StatePaper } from "@/lib/search/state";
import { parseQuery } from "@/lib/search/query";
import type { Segment } from "@/lib/search/segment";
import { tagPaper } from "@/lib/topics/tagger";
import { SyntheticGenerator } from "@/scripts/lib/synthetic-feed";
import { samplePapers } from "@/scripts/lib/sample-state";

function paper(id: number, title: string, abstract: string): StatePaper {
  const tags = tagPaper(title, abstract);
  return {
    id,
    slug: `p-${id}`,
    title,
    abstract,
    keyPhrases: tags.keyPhrases,
    topics: tags.topics.map((t) => t.slug),
    lastFeedDate: "2026-11-29",
    lastRank: id,
    newestOn: "2026-11-29",
    sortTitle: title.toLowerCase(),
  };
}

/** Papers that exercise the corners: accents, CJK, compounds, math, a word repeated past 255, no abstract. */
const oddPapers = (first: number) => [
  paper(
    first,
    "Über-Modelling of Café Données: a Pre-training Study",
    "Nous étudions le pré-entraînement (PT) des modèles.",
  ),
  paper(first + 1, "大规模语言模型的推理能力研究", "我们研究大规模语言模型 (LLM) 在数学推理上的能力。"),
  paper(first + 2, "Vision-Language Models for $\\mathbb{R}^n$ Retrieval", "We study VLMs and RAG. ".repeat(40)),
  paper(first + 3, "Tokens Tokens Tokens", "token ".repeat(300)),
  paper(first + 4, "A Paper With No Abstract", ""),
];

function throughDelta(papers: StatePaper[]): Segment {
  const state = createState();
  for (const p of papers) putPaper(state, p);
  compact(state);
  return state.index.segment!;
}

function direct(papers: StatePaper[]): Segment {
  const builder = new SegmentBuilder();
  for (const p of papers) builder.add(p);
  return builder.build();
}

const synthetic = new SyntheticGenerator(7).catalog(400).papers.map((p, i) => paper(1000 + i, p.title, p.abstract));

describe("building a segment directly", () => {
  it.each([
    ["the bundled sample", samplePapers()],
    ["400 synthetic papers and odd ones", [...synthetic, ...oddPapers(5000)]],
  ])("gives exactly the segment the MiniSearch delta gives for %s", (_name, papers) => {
    const expected = throughDelta(papers);
    const built = direct(papers);
    expect(built.terms.length).toBeGreaterThan(100);
    expect(built).toEqual(expected);
  });

  it("answers searches exactly as the segment made through the delta", () => {
    const papers = samplePapers();
    const viaDelta = createState(throughDelta(papers), new Map(papers.map((p) => [p.id, p])));
    const builder = new StateBuilder();
    for (const p of papers) builder.add(p);
    const viaBuilder = builder.build();
    for (const q of ["MATES", "pretraining data", '"language models"', "topic:multimodal", "Dolmq", "llm -vision"]) {
      const run = (s: typeof viaDelta) =>
        selectHits(
          s,
          parseQuery(q, () => true),
          "relevance",
        )
          .slice(0, 20)
          .map((h) => [h.id, h.score]);
      expect(run(viaBuilder), q).toEqual(run(viaDelta));
      expect(run(viaBuilder).length, q).toBeGreaterThan(0);
    }
  });

  it("refuses the same paper twice, as MiniSearch does", () => {
    const builder = new SegmentBuilder();
    const [p] = samplePapers();
    builder.add(p!);
    expect(() => builder.add(p!)).toThrow(/added twice/);
  });
});
