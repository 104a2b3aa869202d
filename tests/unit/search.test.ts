import { describe, expect, it } from "vitest";
import { createIndex, runQuery, similarTo, suggestQueries, toSearchDoc } from "@/lib/search/index";
import { highlightParts } from "@/lib/search/highlight";
import { tokenize, termsOf } from "@/lib/search/terms";
import { sampleRecords } from "@/tests/helpers/sample";

const records = sampleRecords();
const docs = records.map((r, i) => toSearchDoc({ id: i + 1, title: r.title, abstract: r.abstract }));
const index = createIndex();
index.addAll(docs);
const titleOf = (id: number) => docs[id - 1]!.title;
const top = (q: string) => runQuery(index, q).hits.map((h) => titleOf(h.id));

/**
 * Names a sample title starts with ("MATES: Model-Aware ..."), each with its title, when no other title
 * uses the word ("SCALE" is also plain English; telling those apart is the acronym work of issue #3).
 */
const acronymTitles = records
  .map((r) => r.title)
  .filter((t) => /^[A-Za-z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*:/.test(t))
  .map((t) => [t.slice(0, t.indexOf(":")), t] as const)
  .filter(([name, title]) => !records.some((r) => r.title !== title && termsOf(r.title).includes(name.toLowerCase())));

describe("runQuery on the sample catalog", () => {
  it("has title acronyms to test with", () => {
    expect(acronymTitles.length).toBeGreaterThan(10);
  });

  it.each(acronymTitles)("ranks the paper titled with %s first when searching for it", (acronym, title) => {
    expect(top(acronym)[0]).toBe(title);
  });

  it("finds a paper by its title acronym in any case", () => {
    expect(top("mates")[0]).toMatch(/^MATES:/);
  });

  it.each([
    ["Dolmq", /^Dolma:/],
    ["MATEZ", /^MATES:/],
    ["RedWhalw", /^RedWhale:/],
    ["pretrainnig data selection", /./],
  ])("still finds the paper with a one-letter typo: %s", (q, expected) => {
    expect(top(q)[0]).toMatch(expected);
  });

  it("does not pad an exact match with papers that merely look like it", () => {
    // "MATES" is one edit from "rates", "makes", "dates": typos are only forgiven when nothing matches as typed.
    expect(top("MATES")).toHaveLength(new Set(top("MATES")).size);
    expect(
      top("MATES").every((t) => /MATES/i.test(t) || docs.find((d) => d.title === t)!.abstract.includes("MATES")),
    ).toBe(true);
  });

  it("matches words by prefix", () => {
    const results = runQuery(index, "quantiz").hits;
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.terms.some((t) => t.startsWith("quantiz"))).toBe(true);
  });

  it("ranks a title match above papers that only mention the word in the abstract", () => {
    const [first] = top("Korean");
    expect(first).toMatch(/Korean/);
  });

  it("requires every word, and says so when it falls back to some of them", () => {
    expect(runQuery(index, "Dolma corpus")).toMatchObject({ matchedAll: true });
    const partial = runQuery(index, "Dolma zzqxvwords");
    expect(partial.matchedAll).toBe(false);
    expect(titleOf(partial.hits[0]!.id)).toMatch(/^Dolma:/);
  });

  it("finds nothing for words the catalog does not have", () => {
    expect(runQuery(index, "zzqxv").hits).toEqual([]);
    expect(runQuery(index, "the of and").hits).toEqual([]);
  });

  it("suggests catalog words for a misspelt query that found nothing", () => {
    expect(suggestQueries(index, "pretranining")[0]).toBe("pretraining");
    expect(suggestQueries(index, "zzqxv")).toEqual([]);
  });

  it("suggests a corrected query for several words, one of them misspelt", () => {
    expect(suggestQueries(index, "korean pretranining")).toEqual(["korean pretraining"]);
  });
});

describe("similarTo", () => {
  it("finds five other papers that share the paper's distinctive words", () => {
    const mates = docs.find((d) => d.title.startsWith("MATES:"))!;
    const related = similarTo(index, mates, 5);
    expect(related).toHaveLength(5);
    expect(related.map((h) => h.id)).not.toContain(mates.id);
    // The sample has several data-selection papers; at least one should be among MATES's neighbours.
    expect(related.some((h) => /data selection|PreSelect/i.test(titleOf(h.id)))).toBe(true);
  });
});

describe("terms and highlighting", () => {
  it("folds case, accents and compatibility characters the same way for text and queries", () => {
    expect(termsOf("Modèle ÉTUDE AstroM³")).toEqual(["modele", "etude", "astrom3"]);
  });

  it("splits Chinese and Japanese runs into character pairs so substrings match", () => {
    expect(tokenize("大规模语言模型 test")).toEqual(["大规", "规模", "模语", "语言", "言模", "模型", "test"]);
    const cjk = createIndex();
    cjk.addAll([
      { id: 1, title: "大规模语言模型的预训练", abstract: "" },
      { id: 2, title: "图像生成", abstract: "" },
    ]);
    expect(runQuery(cjk, "语言模型").hits.map((h) => h.id)).toEqual([1]);
  });

  it("marks the words a search matched, whatever their case or accents", () => {
    const parts = highlightParts("Pretraining a Modèle: pretraining!", new Set(["pretraining", "modele"]));
    expect(parts).toEqual([
      { text: "Pretraining", match: true },
      { text: " a ", match: false },
      { text: "Modèle", match: true },
      { text: ": ", match: false },
      { text: "pretraining", match: true },
      { text: "!", match: false },
    ]);
  });

  it("marks only the matched characters of a Chinese run", () => {
    const parts = highlightParts("大规模语言模型", new Set(["语言"]));
    expect(parts).toEqual([
      { text: "大规模", match: false },
      { text: "语言", match: true },
      { text: "模型", match: false },
    ]);
  });
});
