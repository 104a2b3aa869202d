import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SAMPLE_FEED } from "@/lib/ingest-file";
import { mayNeedAmericanizing } from "@/lib/search/spelling";
import { asciiFolder, canonicalWords, foldWord } from "@/lib/search/terms";

const WORD = /[A-Za-z0-9'.-]+/g;
const words = (text: string) => text.match(WORD) ?? [];

/** Pieces that make British spellings, near-misses and plain words when glued together. */
const PIECES = [
  "model",
  "label",
  "signal",
  "channel",
  "l",
  "ling",
  "led",
  "ler",
  "lers",
  "optim",
  "token",
  "normal",
  "organ",
  "visual",
  "is",
  "ise",
  "ised",
  "ises",
  "ising",
  "iser",
  "isers",
  "isation",
  "isations",
  "ation",
  "behaviour",
  "colour",
  "centre",
  "catalogue",
  "programme",
  "defence",
  "grey",
  "analyse",
  "judgement",
  "ageing",
  "noise",
  "promise",
  "rise",
  "super",
  "vise",
  "our",
  "s",
  "ed",
  "-",
  "Pre",
  "A",
  "LLM",
  "x",
];
const glued = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 })
  .chain((parts) => fc.boolean().map((upper) => (upper ? parts.join("").toUpperCase() : parts.join(""))));

describe("asciiFolder, the fast way to fold the words of plain ASCII text", () => {
  it("folds every word exactly as foldWord does, on random British, American and other spellings", () => {
    fc.assert(
      fc.property(fc.array(glued, { minLength: 1, maxLength: 12 }), (list) => {
        const text = list.join(" ");
        const fold = asciiFolder(text);
        for (const w of words(text)) expect(fold(w)).toBe(foldWord(w));
      }),
      { numRuns: 2000 },
    );
  });

  it("folds every word of the bundled feed as foldWord does", () => {
    const feed = fs.readFileSync(SAMPLE_FEED, "utf8");
    for (const paragraph of feed.split(/\n/)) {
      if (!/^[\x00-\x7f]*$/.test(paragraph)) continue;
      const fold = asciiFolder(paragraph);
      for (const w of words(paragraph)) expect(fold(w)).toBe(foldWord(w));
    }
  });

  it("notices British spellings anywhere in a text, in any case", () => {
    expect(mayNeedAmericanizing("We study MODELLING of data")).toBe(true);
    expect(mayNeedAmericanizing("a Tokeniser for code")).toBe(true);
    expect(mayNeedAmericanizing("the organisation of memory")).toBe(true);
    expect(mayNeedAmericanizing("Colour constancy")).toBe(true);
    expect(mayNeedAmericanizing("noise and promise, supervised")).toBe(false);
  });

  it("gives tagging the same words for British and American spellings", () => {
    expect(canonicalWords("Optimised Tokenisation for Modelling Colour")).toEqual(
      canonicalWords("optimized tokenization for modeling color"),
    );
  });
});
