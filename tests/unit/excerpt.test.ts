import { describe, expect, it } from "vitest";
import { excerpt } from "@/lib/text/excerpt";
import { parseRichText, plainText } from "@/lib/text/rich-text";

const sentence = (n: number) => `Sentence number ${n} talks about language models in general terms.`;
const abstract = Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(" ");

describe("excerpt", () => {
  it("returns short text unchanged", () => {
    expect(plainText(excerpt(parseRichText("A short abstract."), 320))).toBe("A short abstract.");
  });

  it("cuts long text at a word boundary and ends with an ellipsis", () => {
    const text = plainText(excerpt(parseRichText(abstract), 100));
    expect(text.length).toBeLessThanOrEqual(101);
    expect(text.endsWith("…")).toBe(true);
    expect(abstract.startsWith(text.slice(0, -1))).toBe(true);
    expect(abstract[text.length - 1]).toMatch(/[\s.]/);
  });

  it("starts at the sentence of the first match when the opening does not show it", () => {
    const text = abstract.replace("Sentence number 9 talks", "Sentence number 9 mentions MATES and talks");
    const shown = plainText(excerpt(parseRichText(text), 120, new Set(["mates"])));
    expect(shown.startsWith("…Sentence number 9 mentions MATES")).toBe(true);
  });

  it("keeps the opening when the match is already in it", () => {
    const shown = plainText(excerpt(parseRichText(abstract), 120, new Set(["sentence"])));
    expect(shown.startsWith("Sentence number 1 ")).toBe(true);
  });

  it("never cuts a math fragment or a link in half", () => {
    const segments = excerpt(parseRichText(`${"word ".repeat(18)}$x^2$ and https://github.com/org/repo too`), 100);
    expect(segments).toContainEqual({ kind: "math", tex: "x^2", display: false });
    for (const s of segments) if (s.kind === "link") expect(s.url).toBe("https://github.com/org/repo");
  });
});
