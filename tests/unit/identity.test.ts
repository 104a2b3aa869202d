import { describe, expect, it } from "vitest";
import { slugBase, sortTitle, titleKey, uniqueSlug } from "@/lib/text/identity";

describe("titleKey", () => {
  it("makes titles that differ only in case, punctuation or spacing one paper", () => {
    const variants = [
      "MATES: Model-Aware Data Selection for Efficient Pretraining",
      "mates model aware data selection for efficient pretraining",
      "MATES — Model‑Aware Data Selection, for Efficient Pretraining!",
      "  MATES:\tModel-Aware  Data Selection for Efficient Pretraining.  ",
    ];
    expect(new Set(variants.map(titleKey)).size).toBe(1);
  });

  it("folds Unicode forms: composed and decomposed accents, full-width letters, ligatures", () => {
    expect(titleKey("Modèle")).toBe(titleKey("Mode\u0300le"));
    expect(titleKey("ＧＰＴ Models")).toBe(titleKey("GPT models"));
    expect(titleKey("Eﬃcient")).toBe(titleKey("Efficient"));
  });

  it("reads math as a reader sees it, so AstroM$^3$ and AstroM³ are one title", () => {
    expect(titleKey("AstroM$^3$: astronomy")).toBe(titleKey("AstroM³: Astronomy"));
  });

  it("keeps different words different, accents included", () => {
    expect(titleKey("Modèle")).not.toBe(titleKey("Modele"));
    expect(titleKey("Data Selection")).not.toBe(titleKey("Data Selections"));
  });

  it("is empty for a title of punctuation and emoji only", () => {
    expect(titleKey("🚀 — ?!")).toBe("");
  });
});

describe("slugs", () => {
  it("are readable ASCII words joined by hyphens", () => {
    expect(slugBase(titleKey("MATES: Model-Aware Data Selection"))).toBe("mates-model-aware-data-selection");
    expect(slugBase(titleKey("Modèle à l’échelle"))).toBe("modele-a-l-echelle");
  });

  it("stay under 80 characters, cut between words", () => {
    const slug = slugBase(titleKey("word ".repeat(40)));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("word")).toBe(true);
  });

  it("fall back to a stable hash for titles with no Latin letters", () => {
    const slug = slugBase(titleKey("大规模语言模型"));
    expect(slug).toMatch(/^paper-[0-9a-f]{8}$/);
    expect(slugBase(titleKey("大规模语言模型"))).toBe(slug);
    expect(slugBase(titleKey("نموذج لغوي"))).not.toBe(slug);
  });

  it("get a numeric suffix when taken", () => {
    const taken = new Set(["a-paper", "a-paper-2"]);
    expect(uniqueSlug("a-paper", (s) => taken.has(s))).toBe("a-paper-3");
    expect(uniqueSlug("other", (s) => taken.has(s))).toBe("other");
  });
});

describe("sortTitle", () => {
  it("sorts accented titles with their plain letters", () => {
    const titles = ["Zebra", "Élan vital", "apple"].map((t) => sortTitle(titleKey(t))).sort();
    expect(titles).toEqual(["apple", "elan vital", "zebra"]);
  });
});
