import { describe, expect, it } from "vitest";
import { highlightParts } from "@/lib/search/highlight";
import { runSearch, similarTo, suggestQueries, toSearchDoc } from "@/lib/search/index";
import { parseQuery } from "@/lib/search/query";
import { allHits, createState, putPaper, selectHits } from "@/lib/search/state";
import { indexTerms, termsOf, tokenize } from "@/lib/search/terms";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";
import { sampleSearch } from "@/scripts/lib/sample-state";
import { sampleRecords } from "@/tests/helpers/sample";

const { state, titleOf, search } = sampleSearch();
const records = sampleRecords();
const parse = (q: string) => parseQuery(q, (slug) => TOPIC_BY_SLUG.has(slug));
const run = (q: string) => selectHits(state, parse(q), "relevance");
const idOf = (prefix: string) => records.findIndex((r) => r.title.startsWith(prefix)) + 1;

/** Names sample titles open with ("MATES: Model-Aware ..."), each with its title. */
const titleNames = records
  .map((r) => r.title)
  .filter((t) => /^[A-Za-z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*:/.test(t))
  .map((t) => [t.slice(0, t.indexOf(":")), t] as const);

describe("search on the sample catalog", () => {
  it("has title names to test with", () => {
    expect(titleNames.length).toBeGreaterThan(30);
  });

  it.each(titleNames)("ranks the paper titled with %s first when searching for it", (name, title) => {
    expect(search(name)[0]).toBe(title);
  });

  it("finds a paper by an acronym its abstract defines", () => {
    expect(search("DRAGON")[0]).toBe("Deep Bidirectional Language-Knowledge Graph Pretraining");
    expect(search("BLURB")[0]).toMatch(/^Domain-Specific Language Model Pretraining for Biomedical/);
  });

  it("finds a paper by the expansion of its acronym", () => {
    expect(search("model-aware data selection")[0]).toMatch(/^MATES:/);
  });

  it("matches field acronyms and their expansions both ways", () => {
    const llm = new Set(search("LLM"));
    const expanded = new Set(search("large language model"));
    // Papers that only write "large language models" are found by LLM, and the reverse.
    const onlyLong = records.filter(
      (r) => /large language models?/i.test(r.abstract) && !/\bLLMs?\b/.test(`${r.title} ${r.abstract}`),
    );
    const onlyShort = records.filter(
      (r) =>
        /\bLLMs?\b/.test(`${r.title} ${r.abstract}`) && !/large language models?/i.test(`${r.title} ${r.abstract}`),
    );
    expect(onlyLong.length + onlyShort.length).toBeGreaterThan(0);
    for (const r of onlyLong) expect(llm.has(r.title)).toBe(true);
    for (const r of onlyShort) expect(expanded.has(r.title)).toBe(true);
    const vlm = new Set(search("VLM"));
    const saysVisionLanguageModel = records.filter((r) =>
      /vision[- ]language models?/i.test(`${r.title} ${r.abstract}`),
    );
    expect(saysVisionLanguageModel.length).toBeGreaterThan(3);
    for (const r of saysVisionLanguageModel) expect(vlm.has(r.title)).toBe(true);
  });

  it("treats hyphenated and spaced, joined and split compounds alike", () => {
    expect(new Set(search("vision-language"))).toEqual(new Set(search("vision language")));
    expect(new Set(search("pre-training"))).toEqual(new Set(search("pretraining")));
    expect(search("multi-lingual")).toEqual(expect.arrayContaining(search("multilingual").slice(0, 5)));
  });

  it("matches British and American spellings", () => {
    expect(new Set(search("quantisation"))).toEqual(new Set(search("quantization")));
    expect(search("modelling").length).toBeGreaterThan(0);
  });

  it("matches other forms of a word through its stem", () => {
    expect(new Set(search("pretrained"))).toEqual(new Set(search("pretraining")));
  });

  it.each([
    ["Dolmq", /^Dolma:/],
    ["MATEZ", /^MATES:/],
    ["RedWhalw", /^RedWhale:/],
    ["AfroML", /^AfroLM:/],
  ])("forgives a typo in a word the catalog does not have: %s", (q, expected) => {
    expect(search(q)[0]).toMatch(expected);
    expect(run(q).mode).toBe("typo");
  });

  it("never forgives typos while the words as typed match: MATES is not padded with 'rates'", () => {
    const { mode } = run("MATES");
    const ordered = allHits(run("MATES"));
    expect(mode).toBe("exact");
    expect(ordered.every((h) => /MATES/.test(`${titleOf(h.id)} ${records[h.id - 1]!.abstract}`))).toBe(true);
  });

  it("matches the last word as a prefix, since it may be unfinished", () => {
    expect(search("quantiz").length).toBeGreaterThan(0);
    expect(search("Dol")[0]).toMatch(/^Dolma:/);
  });

  it("ranks a title match above papers that only mention the word in the abstract", () => {
    expect(search("Korean")[0]).toMatch(/Korean/);
  });

  it("requires every word, and marks results that match only some of them as partial", () => {
    expect(run("Dolma corpus").mode).toBe("exact");
    const partial = run("Dolma zzqxvwords");
    expect(partial.mode).toBe("partial");
    expect(titleOf(allHits(partial)[0]!.id)).toMatch(/^Dolma:/);
  });

  it("finds nothing for words the catalog does not have, or for stop words only", () => {
    expect(allHits(run("zzqxv"))).toEqual([]);
    expect(allHits(run("the of and"))).toEqual([]);
  });
});

describe("query syntax", () => {
  it("keeps only papers with an exact phrase", () => {
    const results = search('"model collapse"');
    expect(results.length).toBeGreaterThan(0);
    for (const title of results) {
      const r = records.find((x) => x.title === title)!;
      expect(`${r.title} ${r.abstract}`.toLowerCase()).toContain("model collapse");
    }
    expect(search("model collapse").length).toBeGreaterThan(results.length);
  });

  it("matches a phrase regardless of hyphens and case", () => {
    expect(new Set(search('"Text to Audio"'))).toEqual(new Set(search('"text-to-audio"')));
  });

  it("leaves out papers with an excluded word or phrase", () => {
    const withClip = search("contrastive");
    const withoutClip = search("contrastive -CLIP");
    expect(withoutClip.length).toBeLessThan(withClip.length);
    expect(withoutClip.every((t) => !/CLIP/.test(t))).toBe(true);
    expect(search('pretraining -"continual pretraining"').length).toBeLessThan(search("pretraining").length);
  });

  it("filters by topic with topic:<slug>, alone or with words", () => {
    const speech = run("topic:audio-speech");
    expect(speech.size).toBeGreaterThan(2);
    expect(speech.ranked).toBe(false);
    for (const h of allHits(speech)) expect(state.keys.get(h.id)!.topics).toContain("audio-speech");
    const multimodalData = run("data topic:multimodal");
    for (const h of allHits(multimodalData)) expect(state.keys.get(h.id)!.topics).toContain("multimodal");
  });

  it.each(['"unclosed phrase', "topic:nonsense", '""', "-", "---", 'a "b', "topic:"])(
    "treats malformed syntax as plain text without failing: %s",
    (q) => {
      expect(() => run(q)).not.toThrow();
    },
  );

  it("reads an unknown topic:slug as its words", () => {
    expect(parse("topic:nonsense")).toMatchObject({ topics: [], words: ["topic", "nonsense"] });
    expect(parse('"unclosed phrase')).toMatchObject({ phrases: [], words: ["unclosed", "phrase"] });
  });
});

describe("suggestions for a query that found nothing", () => {
  const surface = (t: string) => state.surface.get(t) ?? t;

  it("offers catalog words close to a misspelt word", () => {
    expect(suggestQueries(state.index, ["pretrxinings"], surface)[0]).toMatch(/^pretrain/i);
    expect(suggestQueries(state.index, ["zzqxv"], surface)).toEqual([]);
  });
});

describe("similarTo", () => {
  it("finds five other papers and names the distinctive words they share", () => {
    const id = idOf("MATES:");
    const r = records[id - 1]!;
    const doc = toSearchDoc({ id, title: r.title, abstract: r.abstract, keyPhrases: [], topics: [] });
    const related = similarTo(state.index, doc, 5);
    expect(related).toHaveLength(5);
    expect(related.map((h) => h.id)).not.toContain(id);
    expect(related.some((h) => /data selection/i.test(titleOf(h.id)))).toBe(true);
    for (const h of related) expect(h.shared.length).toBeGreaterThan(0);
  });
});

describe("terms and highlighting", () => {
  it("folds case, accents, compatibility characters and British spelling, then stems", () => {
    expect(termsOf("Modèle étude AstroM³ quantisation pretrained")).toEqual([
      "model",
      "etud",
      "astrom3",
      "quantiz",
      "pretrain",
    ]);
  });

  it("indexes an acronym both whole and stemmed, and looks it up whole", () => {
    expect(indexTerms("MATES")).toEqual(["mates", "mate"]);
    expect(termsOf("MATES")).toEqual(["mates"]);
    expect(termsOf("mates")).toEqual(["mate"]);
  });

  it("splits Chinese and Japanese runs into character pairs so substrings match", () => {
    expect(tokenize("大规模语言模型 test")).toEqual(["大规", "规模", "模语", "语言", "言模", "模型", "test"]);
    const cjk = createState();
    for (const [id, title] of [
      [1, "大规模语言模型的预训练"],
      [2, "图像生成"],
    ] as const) {
      putPaper(cjk, {
        id,
        slug: `paper-${id}`,
        title,
        abstract: "",
        keyPhrases: [],
        topics: [],
        lastFeedDate: "2026-01-01",
        lastRank: id,
        newestOn: "2026-01-01",
        sortTitle: title,
      });
    }
    expect(runSearch(cjk.index, parse("语言模型")).matches.ids()).toEqual([1]);
  });

  it("marks the words a search matched, in any form", () => {
    const parts = highlightParts("Pretrained a Modèle: pre-training!", new Set(["pretrain", "model"]));
    expect(parts).toEqual([
      { text: "Pretrained", match: true },
      { text: " a ", match: false },
      { text: "Modèle", match: true },
      { text: ": ", match: false },
      { text: "pre-training", match: true },
      { text: "!", match: false },
    ]);
  });

  it("marks only the matched characters of a Chinese run", () => {
    expect(highlightParts("大规模语言模型", new Set(["语言"]))).toEqual([
      { text: "大规模", match: false },
      { text: "语言", match: true },
      { text: "模型", match: false },
    ]);
  });
});
