import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeedError } from "@/lib/feed/errors";
import { readFeed } from "@/lib/feed/index";
import { parseTextPage } from "@/lib/feed/text-page";
import { SAMPLE_FEED } from "@/lib/ingest-file";

const TODAY = "2026-11-29";
const sample = fs.readFileSync(SAMPLE_FEED, "utf8");
const page = (...paragraphs: string[]) => ["new", "", "Subscribe", "", "Mar 11", "", ...paragraphs].join("\n\n");
const abstract = (words: string) => `${words} This abstract is long enough to read like one. `.repeat(8).trim();
const read = (text: string, date?: string) => readFeed(new TextEncoder().encode(text), { today: TODAY, date });

describe("parseTextPage on the bundled sample", () => {
  const { entries, rejected, feedDates } = parseTextPage(sample, { today: TODAY });

  it("finds exactly 94 papers and rejects nothing", () => {
    expect(entries).toHaveLength(94);
    expect(rejected).toEqual([]);
  });

  it("reads the first and last titles", () => {
    expect(entries[0]!.title).toBe(
      "Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing",
    );
    expect(entries.at(-1)!.title).toBe("RedWhale: An Adapted Korean LLM Through Efficient Continual Pretraining");
  });

  it("keeps each abstract to its own paper", () => {
    expect(entries[0]!.abstract).toMatch(/^Pretraining large neural language models, such as BERT/);
    expect(entries[0]!.abstract).toMatch(/at https:\/\/aka\.ms\/BLURB\.$/);
    expect(entries[1]!.abstract).toMatch(/^This technical report briefly describes our JDExplore d-team's Vega v2/);
    expect(entries.at(-1)!.abstract).toMatch(/^The field of Natural Language Processing \(NLP\)/);
    const titles = new Set(entries.map((e) => e.title));
    for (const e of entries) {
      expect(e.abstract!.length).toBeGreaterThan(500);
      expect(titles.has(e.abstract!)).toBe(false);
    }
  });

  it("never turns the page header into papers", () => {
    const titles = entries.map((e) => e.title);
    for (const header of [
      "new",
      "Get trending papers in your email inbox!",
      "Subscribe",
      "byAK and the research community",
      "Mar 11",
    ]) {
      expect(titles).not.toContain(header);
    }
  });

  it("ranks papers by their position on the page and dates them on the latest past Mar 11", () => {
    expect(entries.map((e) => e.rank)).toEqual(Array.from({ length: 94 }, (_, i) => i + 1));
    expect(feedDates).toEqual(["2026-03-11"]);
    expect(new Set(entries.map((e) => e.feedDate))).toEqual(new Set(["2026-03-11"]));
  });

  it("resolves Mar 11 to the previous year when today is before Mar 11", () => {
    expect(parseTextPage(sample, { today: "2027-03-10" }).feedDates).toEqual(["2026-03-11"]);
    expect(parseTextPage(sample, { today: "2027-03-11" }).feedDates).toEqual(["2027-03-11"]);
  });

  it("uses --date instead of the page's date when given", () => {
    const parsed = parseTextPage(sample, { today: TODAY, date: "2025-01-02" });
    expect(parsed.feedDates).toEqual(["2025-01-02"]);
    expect(parsed.entries.every((e) => e.feedDate === "2025-01-02")).toBe(true);
  });
});

describe("parseTextPage with real-world text", () => {
  const title = "Scaling Data-Constrained Language Models";
  const body = abstract("We study scaling.");

  it("reads a page with a UTF-8 byte-order mark, CRLF line ends, trailing spaces and tabs", () => {
    const text = "\uFEFF" + page(`${title} \t`, `${body}\t  `).replace(/\n/g, "\r\n");
    const { records } = read(text);
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toBe(title);
    expect(records[0]!.abstract).toBe(body);
  });

  it("reads a page whose paragraphs are not separated by blank lines", () => {
    const text = ["Trending", "Mar 11", title, body, "Second Paper Title", abstract("Another.")].join("\n");
    expect(read(text).records.map((r) => r.title)).toEqual([title, "Second Paper Title"]);
  });

  it("treats non-breaking, narrow and zero-width spaces as the spaces a reader sees", () => {
    const { records } = read(
      page("Scaling\u00A0Data\u200B-Constrained\u202FLanguage Models", `We\u00A0study\u2009scaling. ${body}`),
    );
    expect(records[0]!.title).toBe("Scaling Data-Constrained Language Models");
    expect(records[0]!.abstract.startsWith("We study scaling. ")).toBe(true);
  });

  it("keeps accented, CJK, Korean and Arabic titles and emoji exactly", () => {
    const titles = [
      "Modèle de langue à l’échelle: Études françaises",
      "大规模语言模型的预训练数据",
      "한국어 대규모 언어 모델 RedWhale",
      "نموذج لغوي عربي كبير",
      "🚀 Rocket: Fast Training 🤗",
    ];
    const { records } = read(page(...titles.flatMap((t) => [t, body])));
    expect(records.map((r) => r.title)).toEqual(titles);
  });

  it("composes decomposed accents (NFC) so equal-looking titles are equal strings", () => {
    const { records } = read(page("Mode\u0300le", body));
    expect(records[0]!.title).toBe("Modèle");
  });

  it("keeps LaTeX fragments in titles and abstracts as written", () => {
    const latex = "All code is at \\href{https://github.com/x/y}{https://github.com/x/y} and 0.07\\% away.";
    const { records } = read(page("AstroM$^3$: A self-supervised multimodal model for astronomy", `${body} ${latex}`));
    expect(records[0]!.title).toBe("AstroM$^3$: A self-supervised multimodal model for astronomy");
    expect(records[0]!.abstract.endsWith(latex)).toBe(true);
  });

  it("stores an abstract of more than 30,000 characters whole", () => {
    const long = abstract("Long.").repeat(100);
    expect(long.length).toBeGreaterThan(30_000);
    const { records } = read(page(title, long));
    expect(records[0]!.abstract).toBe(long);
  });

  it("joins a multi-paragraph abstract and keeps its paragraph break", () => {
    const second = abstract("Second paragraph.");
    const { records } = read(page(title, body, second, "Next Title", body));
    expect(records[0]!.abstract).toBe(`${body}\n\n${second}`);
    expect(records[1]!.title).toBe("Next Title");
  });

  it("rejects a title whose abstract is missing without shifting the papers after it", () => {
    const { records, rejected } = read(page("First Title", body, "Lonely Title", "Third Title", body));
    expect(records.map((r) => r.title)).toEqual(["First Title", "Third Title"]);
    expect(rejected).toEqual([expect.objectContaining({ entry: 2, title: "Lonely Title", reason: "has no abstract" })]);
    expect(records[1]!.rank).toBe(3);
  });

  it("rejects an abstract that has no title before it", () => {
    const { records, rejected } = read(page(body, title, body));
    expect(records.map((r) => r.title)).toEqual([title]);
    expect(rejected[0]!.reason).toMatch(/without a title/);
  });

  it("rejects the same paper listed twice on one day, keeping the first", () => {
    const { records, rejected } = read(page(title, body, title.toUpperCase(), abstract("Other.")));
    expect(records).toHaveLength(1);
    expect(rejected[0]!.reason).toBe("repeats entry 1");
  });

  it("reads a page with several days, ranking each day from 1", () => {
    const text = ["Trending", "Mar 11", "A Title", body, "B Title", body, "Mar 10", "C Title", body].join("\n\n");
    const { records, feedDates } = read(text);
    expect(feedDates).toEqual(["2026-03-11", "2026-03-10"]);
    expect(records.map((r) => [r.title, r.feedDate, r.rank])).toEqual([
      ["A Title", "2026-03-11", 1],
      ["B Title", "2026-03-11", 2],
      ["C Title", "2026-03-10", 1],
    ]);
  });

  it("refuses --date for a page that lists several days", () => {
    const text = ["Mar 11", "A Title", body, "Mar 10", "C Title", body].join("\n\n");
    expect(() => read(text, "2026-01-01")).toThrow(/several days|2 days/);
  });

  it("uses a year written on the date line", () => {
    expect(read(["Mar 11, 2024", title, body].join("\n\n")).feedDates).toEqual(["2024-03-11"]);
  });
});

describe("parseTextPage failures", () => {
  it.each([
    ["an empty file", ""],
    ["a whitespace-only file", " \n\t\r\n "],
    ["a header-only page", "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nMar 11\n"],
    ["a page without a date line", "Some Title\n\nSome abstract that goes on. ".repeat(3)],
    ["a date line that is not a real day", "Feb 30\n\nTitle\n\nAbstract."],
    ["a page of titles only", page("One", "Two", "Three")],
  ])("fails as a whole, with a one-line reason, for %s", (_, text) => {
    let error: unknown;
    try {
      read(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as Error).message).not.toContain("\n");
  });
});

describe("parseTextPage against a naive reading of well-formed pages", () => {
  const titleArb = fc
    .array(fc.constantFrom("Learning", "Sparse", "Models", "GPT-4o:", "Über", "数据", "RAG", "Data", "Scaling"), {
      minLength: 1,
      maxLength: 8,
    })
    .map((w) => w.join(" "));
  const abstractArb = fc
    .array(fc.constantFrom("We show", "that models", "learn.", "Results improve", "by 3%.", "See https://x.org/a."), {
      minLength: 60,
      maxLength: 90,
    })
    .map((w) => w.join(" "));

  it("finds every title and abstract pair of a page in order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(titleArb, abstractArb), { minLength: 1, maxLength: 30 }), (papers) => {
        const text = page(...papers.flat());
        const { entries } = parseTextPage(text, { today: TODAY });
        expect(entries.map((e) => [e.title, e.abstract])).toEqual(papers);
      }),
      { numRuns: 60 },
    );
  });
});
