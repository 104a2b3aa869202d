import { describe, expect, it } from "vitest";
import { keyPhrases, MAX_KEY_PHRASES } from "@/lib/topics/key-phrases";
import { MAX_TOPICS, tagPaper, tagTopics } from "@/lib/topics/tagger";
import { TOPICS } from "@/lib/topics/taxonomy";
import { sampleRecords } from "@/tests/helpers/sample";

const slugs = (title: string, abstract: string) => tagTopics(title, abstract).map((t) => t.slug);

describe("the taxonomy", () => {
  it("has 15 to 25 topics, each with a unique slug, a name, a one-line description and evidence", () => {
    expect(TOPICS.length).toBeGreaterThanOrEqual(15);
    expect(TOPICS.length).toBeLessThanOrEqual(25);
    expect(new Set(TOPICS.map((t) => t.slug)).size).toBe(TOPICS.length);
    for (const t of TOPICS) {
      expect(t.slug).toMatch(/^[a-z0-9-]+$/);
      expect(t.name.length).toBeGreaterThan(2);
      expect(t.description).not.toContain("\n");
      expect(t.evidence.length).toBeGreaterThan(0);
    }
  });
});

describe("tagTopics", () => {
  it("tags a paper about Korean continual pretraining as multilingual", () => {
    const r = sampleRecords().find((x) => x.title.startsWith("RedWhale"))!;
    expect(slugs(r.title, r.abstract)).toContain("multilingual");
  });

  it("tags a paper about FP8 training as efficiency", () => {
    const r = sampleRecords().find((x) => x.title.startsWith("COAT"))!;
    expect(slugs(r.title, r.abstract)[0]).toBe("efficiency");
    expect(slugs("To FP8 and Back Again", "We train in reduced precision FP8 formats and study stability.")).toContain(
      "efficiency",
    );
  });

  it("tags a biomedical vision-language paper as both biomedical and multimodal", () => {
    const r = sampleRecords().find((x) => x.title.startsWith("PA-LLaVA"))!;
    expect(slugs(r.title, r.abstract)).toEqual(expect.arrayContaining(["biomedical", "multimodal"]));
  });

  it("gives every sample paper one to four topics, strongest first, with the evidence that assigned them", () => {
    for (const r of sampleRecords()) {
      const topics = tagTopics(r.title, r.abstract);
      expect(topics.length).toBeGreaterThanOrEqual(1);
      expect(topics.length).toBeLessThanOrEqual(MAX_TOPICS);
      expect(topics.map((t) => t.score)).toEqual([...topics.map((t) => t.score)].sort((a, b) => b - a));
      for (const t of topics)
        if (!TOPICS.find((x) => x.slug === t.slug)!.fallback) expect(t.evidence.length).toBeGreaterThan(0);
    }
  });

  it("does not tag everything with everything: no topic covers most of the sample", () => {
    const counts = new Map<string, number>();
    for (const r of sampleRecords())
      for (const s of slugs(r.title, r.abstract)) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const [slug, n] of counts) expect(n, slug).toBeLessThan(sampleRecords().length / 2);
    const average = [...counts.values()].reduce((a, b) => a + b, 0) / sampleRecords().length;
    expect(average).toBeGreaterThan(1.2);
    expect(average).toBeLessThan(3);
  });

  it("counts a title mention above the same words in the abstract", () => {
    const inTitle = tagTopics("Speech recognition for everyone", "We describe a system.");
    const inAbstract = tagTopics("A system for everyone", "We describe a speech recognition system.");
    expect(inTitle[0]!.slug).toBe("audio-speech");
    expect(inTitle[0]!.score).toBeGreaterThan(inAbstract.find((t) => t.slug === "audio-speech")?.score ?? 0);
  });

  it("needs a minimum score: one passing mention of a word does not make a topic", () => {
    expect(slugs("A general recipe", "Our model can also count objects in one experiment.")).not.toContain("vision");
  });

  it("gives a paper nothing fits the general language-model topic", () => {
    expect(slugs("Notes on large language models", "We discuss large language models in general.")).toEqual(["llm"]);
  });

  it("matches evidence across British spelling, hyphens and case", () => {
    expect(slugs("Post-Training Quantisation of Transformers", "We quantise weights.")).toContain("efficiency");
    expect(slugs("Multi-Lingual Models", "Cross-lingual transfer to low-resource languages.")).toContain(
      "multilingual",
    );
  });
});

describe("keyPhrases", () => {
  it("extracts up to eight phrases in the paper's own words, title phrases first", () => {
    const r = sampleRecords().find((x) => x.title.startsWith("MATES"))!;
    const phrases = keyPhrases(r.title, r.abstract);
    expect(phrases.length).toBeGreaterThan(3);
    expect(phrases.length).toBeLessThanOrEqual(MAX_KEY_PHRASES);
    for (const p of phrases) expect(`${r.title} ${r.abstract}`).toContain(p);
    expect(phrases.some((p) => /data influence/i.test(p))).toBe(true);
  });

  it("leaves out stop words, filler and numbers at a phrase's edges and repeats", () => {
    const phrases = keyPhrases(
      "Sparse Experts",
      "In this paper we propose sparse experts. We show that sparse experts improve results by 12%.",
    );
    for (const p of phrases) {
      expect(p).not.toMatch(/^(the|we|this|in|propose|show)\b/i);
      expect(p).not.toMatch(/\d+%/);
    }
    expect(phrases.filter((p) => /sparse experts/i.test(p))).toHaveLength(1);
  });

  it("is deterministic", () => {
    const r = sampleRecords()[10]!;
    expect(tagPaper(r.title, r.abstract)).toEqual(tagPaper(r.title, r.abstract));
  });
});
