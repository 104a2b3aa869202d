import { describe, expect, it } from "vitest";
import { fieldAcronymAliases } from "@/lib/search/field-acronyms";
import { americanize } from "@/lib/search/spelling";
import { canonicalWords } from "@/lib/search/terms";
import { definedAcronyms, matchLongForm, paperAcronyms, titleName } from "@/lib/text/acronyms";

describe("acronyms a paper defines", () => {
  it("reads the name a title opens with", () => {
    expect(titleName("MATES: Model-Aware Data Selection")).toBe("MATES");
    expect(titleName("Kimi k1.5: Scaling Reinforcement Learning")).toBe("Kimi k1.5");
    expect(titleName("Tx-LLM: A Large Language Model for Therapeutics")).toBe("Tx-LLM");
    expect(titleName("Predictable Scale: Part I")).toBeNull();
    expect(titleName("Talking Heads: Understanding Inter-layer Communication")).toBeNull();
    expect(titleName("No colon here")).toBeNull();
  });

  it("finds long form (SHORT) definitions with the Schwartz-Hearst rule", () => {
    expect(definedAcronyms("We study named entity recognition (NER) and large language models (LLMs).")).toEqual([
      { acronym: "NER", expansion: "named entity recognition" },
      { acronym: "LLM", expansion: "large language models" },
    ]);
    expect(definedAcronyms("results (see Table 2) and (a) and (i)")).toEqual([]);
    expect(matchLongForm("MATES", "we introduce model-aware data selection with data influence models")).toBe(
      "model-aware data selection with data influence models",
    );
  });

  it("pairs a title's name with the abstract's expansion of it", () => {
    const acronyms = paperAcronyms(
      "MATES: Model-Aware Data Selection for Efficient Pretraining",
      "In this paper, we introduce model-aware data selection with data influence models (MATES), where ...",
    );
    expect(acronyms[0]).toEqual({
      acronym: "MATES",
      expansion: "model-aware data selection with data influence models",
    });
  });

  it("spells a title name from the title when its initials do", () => {
    expect(paperAcronyms("SGL: Symbolic Goal Learning in a Hybrid Framework", "No definitions here.")[0]).toMatchObject(
      {
        acronym: "SGL",
        expansion: expect.stringMatching(/^Symbolic Goal/),
      },
    );
  });
});

describe("field acronyms", () => {
  const aliases = (text: string) => fieldAcronymAliases(canonicalWords(text));

  it("recognises an acronym and its expansion, singular or plural, hyphenated or not", () => {
    expect(aliases("We fine-tune LLMs.")).toContain("LLM large language model");
    expect(aliases("Large language models are big.")).toContain("LLM large language model");
    expect(aliases("a mixture-of-experts layer")).toContain("MoE mixture of experts");
    expect(aliases("retrieval augmented generation helps")).toContain("RAG retrieval augmented generation");
    expect(aliases("nothing of the sort")).toEqual([]);
  });
});

describe("americanize", () => {
  it.each([
    ["quantisation", "quantization"],
    ["optimised", "optimized"],
    ["modelling", "modeling"],
    ["behaviour", "behavior"],
    ["tokeniser", "tokenizer"],
    ["analyse", "analyze"],
  ])("spells %s as %s", (british, american) => {
    expect(americanize(british)).toBe(american);
  });

  it.each(["supervise", "noise", "promise", "precise", "rising", "surprising", "advertise"])(
    "leaves %s alone: it is not a British spelling",
    (word) => {
      expect(americanize(word)).toBe(word);
    },
  );
});
