import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FeedError } from "@/lib/feed/errors";
import { parseHfPapers } from "@/lib/feed/hf";
import { validateEntries } from "@/lib/feed/schema";

const TODAY = "2025-11-10";
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/feeds", name), "utf8");
const daily = fixture("hf-daily.json");
const search = fixture("hf-search.json");
const parse = (text: string, date?: string) => parseHfPapers(text, { today: TODAY, date });
const read = (text: string, date?: string) => validateEntries(parse(text, date).entries);
const json = (value: unknown) => JSON.stringify(value);
const abstract = "We propose a method and show that it works on several benchmarks. ".repeat(3).trim();
/** A minimal daily item that trended on `day`. */
const dailyItem = (title: string, day = "2025-11-04", paper: object = {}) => ({
  paper: { id: "2511.09999", title, summary: abstract, ...paper },
  publishedAt: `${day}T08:00:00.000Z`,
});

/** The FeedError a whole-file failure throws, asserting it is one. */
function failure(text: string): FeedError {
  let error: unknown;
  try {
    parse(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe("parseHfPapers on a daily-papers file", () => {
  const parsed = parse(daily);
  const { records, rejected } = validateEntries(parsed.entries);
  const byId = (id: string) => records.find((r) => r.arxivId === id)!;

  it("ingests every paper and rejects only the blank item, on its own", () => {
    expect(parsed.entries).toHaveLength(8);
    expect(parsed.rejected).toEqual([]);
    expect(records.map((r) => r.entry)).toEqual([1, 2, 3, 4, 5, 7, 8]);
    expect(rejected).toEqual([{ entry: 6, title: "(no title)", reason: "has no title" }]);
  });

  it("reads everything a fully described paper carries", () => {
    expect(records[0]).toMatchObject({
      source: "hf",
      arxivId: "2511.01234",
      title: "Prune As You Go: Token Pruning for Diffusion Transformers Without Retraining",
      authors: ["Jane Doe", "Wei Zhang", "Priya Raman"],
      publishedOn: "2025-11-03",
      feedDate: "2025-11-04",
      rank: 1,
      upvotes: 87,
      comments: 3,
      githubStars: 412,
      githubRepo: "https://github.com/prune-lab/prune-as-you-go",
      projectPage: "https://prune-lab.github.io/paygo",
      pdfUrl: "https://arxiv.org/pdf/2511.01234",
      aiSummary:
        "A training-free token pruning method reduces diffusion transformer compute by 41% with negligible quality loss.",
      keywords: ["diffusion transformer", "token pruning", "training-free", "FID"],
    });
  });

  it("takes the paper's full abstract rather than the item's shortened one, joining its wrapped lines", () => {
    expect(records[0]!.abstract).toMatch(/^Diffusion transformers spend .* between denoising steps\. We introduce /);
    expect(records[0]!.abstract).toMatch(/composes with step distillation\.$/);
    expect(records[0]!.abstract).not.toContain("\n");
  });

  it("reads title, abstract, upvotes and links from the item when the paper object lacks them", () => {
    expect(byId("2511.02077")).toMatchObject({
      title: "Long-Context Retrieval Heads Are Sparse and Transferable",
      upvotes: 54,
      comments: 1,
      githubRepo: "https://github.com/tanaka-lab/retrieval-heads",
      githubStars: 129,
      aiSummary:
        "Sparse attention heads handle long-context retrieval and can be fine-tuned alone to extend context cheaply.",
      authors: ["Lucas Moreau", "Aiko Tanaka"],
    });
    expect(byId("2511.02077").abstract).toMatch(/^We identify a small set of attention heads/);
  });

  it("prefers the paper's own title and abstract when the item gives different ones", () => {
    const record = byId("2511.01890");
    expect(record.title).toMatch(/^R&amp;D-Bench/);
    expect(record.abstract).toMatch(/^We release R&amp;D-Bench/);
  });

  it("reads ai_keywords given on the item when the paper has none", () => {
    expect(byId("2511.01890").keywords).toEqual(["reproducibility", "LLM agents", "benchmark"]);
  });

  it("keeps &amp; and <b> in titles and abstracts literally, neither decoded nor stripped", () => {
    const record = byId("2511.01890");
    expect(record.title).toBe("R&amp;D-Bench: Can <b>Agents</b> Reproduce ML Papers End to End?");
    expect(record.abstract).toContain("reproduce the <b>main result</b> within");
  });

  it("drops an arXiv version suffix from the id and links the PDF without it", () => {
    expect(parsed.entries[3]!.arxivId).toBe("2511.00042");
    expect(parsed.entries[3]!.pdfUrl).toBe("https://arxiv.org/pdf/2511.00042");
    expect(byId("2511.00042").title).toBe("Speculative Decoding with Self-Drafting Early Exits");
  });

  it("drops malformed optional fields without losing the paper", () => {
    const record = byId("2511.01555");
    expect(record.title).toBe("Curriculum Data Mixing for Small Language Models");
    expect(record.upvotes).toBeUndefined(); // -3
    expect(record.githubStars).toBeUndefined(); // "1.2k"
    expect(record.comments).toBeUndefined(); // 2.5
    expect(record.githubRepo).toBeUndefined(); // null
    expect(record.projectPage).toBeUndefined(); // 42
    expect(record.aiSummary).toBeUndefined(); // null
    expect(record.keywords).toEqual([]); // a string, not a list
  });

  it("keeps hidden authors and skips authors with no name", () => {
    expect(byId("2511.01555").authors).toEqual(["Henrik Sørensen", "Li Na"]);
  });

  it("dates each paper on the UTC day it trended, not on its arXiv day", () => {
    expect(byId("2511.01234")).toMatchObject({ publishedOn: "2025-11-03", feedDate: "2025-11-04" });
    // Trended at 23:58 UTC on Nov 3: the day is Nov 3 wherever the machine is.
    expect(byId("2510.27311")).toMatchObject({ publishedOn: "2025-10-31", feedDate: "2025-11-03" });
  });

  it("dates a paper whose item has no trending day by the day it was submitted to the daily list", () => {
    expect(byId("2510.26904").feedDate).toBe("2025-11-03");
  });

  it("ranks papers from 1 within each trending day, in file order", () => {
    expect(parsed.feedDates).toEqual(["2025-11-04", "2025-11-03"]);
    expect(records.map((r) => [r.arxivId, r.feedDate, r.rank])).toEqual([
      ["2511.01234", "2025-11-04", 1],
      ["2511.02077", "2025-11-04", 2],
      ["2511.01890", "2025-11-04", 3],
      ["2511.00042", "2025-11-04", 4],
      ["2511.01555", "2025-11-04", 5],
      ["2510.27311", "2025-11-03", 1],
      ["2510.26904", "2025-11-03", 2],
    ]);
  });

  it("never files a daily paper under today", () => {
    expect(parsed.entries.map((e) => e.feedDate)).not.toContain(TODAY);
  });
});

describe("parseHfPapers with a given feed day", () => {
  it("files every paper under the given day, ranked by position in the file", () => {
    const parsed = parse(daily, "2025-12-01");
    expect(parsed.feedDates).toEqual(["2025-12-01"]);
    expect(parsed.entries.map((e) => [e.feedDate, e.rank])).toEqual(
      Array.from({ length: 8 }, (_, i) => ["2025-12-01", i + 1]),
    );
  });

  it("overrides today for search results too", () => {
    expect(parse(search, "2025-12-01").entries.every((e) => e.feedDate === "2025-12-01")).toBe(true);
  });
});

describe("parseHfPapers on search results", () => {
  const parsed = parse(search);
  const { records, rejected } = validateEntries(parsed.entries);

  it("reads flat paper objects that have no nested paper", () => {
    expect(rejected).toEqual([]);
    expect(records.map((r) => r.title)).toEqual([
      "Sparse Autoencoders Find Monosemantic Features in Vision Transformers",
      "Sparse Mixture-of-Experts Scaling Laws Under a Fixed Memory Budget",
      "A Practical Guide to Sparse Attention Kernels",
      "SparseLoRA: Sparsity-Aware Low-Rank Adaptation",
    ]);
    expect(records[0]).toMatchObject({
      arxivId: "2406.11111",
      authors: ["Ravi Shankar", "Mei Chen"],
      publishedOn: "2024-06-17",
      upvotes: 64,
      githubStars: 230,
      githubRepo: "https://github.com/shankar-lab/vit-sae",
      aiSummary: "Sparse autoencoders recover interpretable, steerable features from vision transformer activations.",
      keywords: ["sparse autoencoder", "interpretability", "ViT"],
    });
    expect(records[3]!.projectPage).toBe("https://sparselora.github.io/");
  });

  it("reads authors given as plain strings", () => {
    expect(records[1]!.authors).toEqual(["Noah Fischer", "Isabel Costa"]);
  });

  it("strips an arXiv: prefix and a version suffix from the id", () => {
    expect(records[1]!.arxivId).toBe("2503.04444");
    expect(records[1]!.pdfUrl).toBe("https://arxiv.org/pdf/2503.04444");
  });

  it("keeps a paper whose id is not an arXiv id, with no id and no PDF link, to be matched by title", () => {
    expect(records[2]!.title).toBe("A Practical Guide to Sparse Attention Kernels");
    expect(records[2]!.arxivId).toBeUndefined();
    expect(records[2]!.pdfUrl).toBeUndefined();
    expect(records[2]!.key).toMatch(/^title:/);
  });

  it("files a result under the day it trended, and results that never trended under today", () => {
    expect(records.map((r) => [r.feedDate, r.rank])).toEqual([
      ["2024-06-18", 1],
      [TODAY, 1],
      [TODAY, 2],
      [TODAY, 3],
    ]);
    expect(parsed.feedDates).toEqual(["2024-06-18", TODAY]);
  });

  it.each(["papers", "results", "items"])("accepts the list wrapped in an object under %j", (key) => {
    const wrapped = parse(json({ [key]: JSON.parse(search) }));
    expect(wrapped.entries.map((e) => e.title)).toEqual(parsed.entries.map((e) => e.title));
  });
});

describe("parseHfPapers on single items", () => {
  it("reads the paper's publication day and the trending day in UTC, whatever the offset written", () => {
    const [entry] = parse(
      json([
        {
          ...dailyItem("Offsets"),
          paper: { id: "2511.09999", title: "Offsets", publishedAt: "2025-11-03T23:30:00-02:00" },
          publishedAt: "2025-11-04T01:00:00+02:00",
        },
      ]),
    ).entries;
    expect(entry).toMatchObject({ publishedOn: "2025-11-04", feedDate: "2025-11-03" });
  });

  it("does not shift days when the machine runs in a time zone far from UTC", () => {
    const previous = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati"; // UTC+14
    try {
      const instant = "2025-11-04T23:59:59.000Z";
      expect(new Date(instant).getDate()).toBe(5); // the zone took effect: local time is already Nov 5
      const late = { ...dailyItem("Late", "2025-11-04", { publishedAt: instant }), publishedAt: instant };
      expect(parse(json([late])).entries[0]).toMatchObject({ publishedOn: "2025-11-04", feedDate: "2025-11-04" });
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("ignores a trending day that is not an ISO date and falls back to the daily submission day", () => {
    const item = {
      ...dailyItem("Odd Date", "2025-11-04", { submittedOnDailyAt: "2025-11-02T10:00:00Z" }),
      publishedAt: "Nov 4, 2025",
    };
    expect(parse(json([item])).entries[0]!.feedDate).toBe("2025-11-02");
  });

  it("leaves a daily item with no day at all undated, so validation names the problem", () => {
    const undated = { paper: { id: "2511.09998", title: "No Day", summary: abstract } };
    const { records, rejected } = read(json([dailyItem("Dated"), undated]));
    expect(records.map((r) => r.title)).toEqual(["Dated"]);
    expect(rejected).toEqual([{ entry: 2, title: "No Day", reason: "has no feed date" }]);
  });

  it("prefers the paper's upvotes, stars and links over the item's, and uses the item's when the paper's are bad", () => {
    const item = {
      ...dailyItem("Both Levels", "2025-11-04", {
        upvotes: 10,
        githubRepo: "https://github.com/paper/level",
        githubStars: "many",
        projectPage: "   ",
      }),
      upvotes: 99,
      githubRepo: "https://github.com/item/level",
      githubStars: 7,
      projectPage: "https://item.example.org/",
    };
    expect(read(json([item])).records[0]).toMatchObject({
      upvotes: 10,
      githubRepo: "https://github.com/paper/level",
      githubStars: 7,
      projectPage: "https://item.example.org/",
    });
  });

  it("falls back to the item's title when the paper's title is blank", () => {
    const item = { ...dailyItem("  \n ", "2025-11-04"), title: "Item Title" };
    expect(read(json([item])).records[0]!.title).toBe("Item Title");
  });

  it("reports an empty title as empty when both levels give a blank one", () => {
    const item = { ...dailyItem(" "), title: "" };
    expect(read(json([item])).rejected[0]!.reason).toBe("has an empty title");
  });

  it("keeps a paper whose id is not a string or not an arXiv id, without an arXiv id", () => {
    const entries = parse(
      json([dailyItem("Numeric Id", "2025-11-04", { id: 2511.0123 }), dailyItem("Word Id", "2025-11-04", { id: "x" })]),
    ).entries;
    expect(entries.map((e) => [e.title, e.arxivId, e.pdfUrl])).toEqual([
      ["Numeric Id", undefined, undefined],
      ["Word Id", undefined, undefined],
    ]);
    expect(validateEntries(entries).records).toHaveLength(2);
  });

  it("reads an old-style arXiv id with its version removed", () => {
    expect(parse(json([dailyItem("Old", "2025-11-04", { id: " hep-th/9901001v1 " })])).entries[0]!.arxivId).toBe(
      "hep-th/9901001",
    );
  });

  it("drops keywords that are not strings and keeps the rest", () => {
    const item = dailyItem("Keywords", "2025-11-04", { ai_keywords: ["LoRA", 3, null, "", "quantization"] });
    expect(read(json([item])).records[0]!.keywords).toEqual(["LoRA", "quantization"]);
  });

  it("rejects items that are not objects on their own and keeps the papers around them", () => {
    const parsed = parse(json([null, dailyItem("Survivor"), 42, "2511.01234", [dailyItem("Nested In A List")]]));
    expect(parsed.entries.map((e) => [e.entry, e.title, e.rank])).toEqual([[2, "Survivor", 1]]);
    expect(parsed.rejected).toEqual(
      [1, 3, 4, 5].map((entry) => ({ entry, title: "(no title)", reason: "is not a paper object" })),
    );
  });

  it("reads a file that starts with a byte-order mark", () => {
    expect(parse("\uFEFF" + json([dailyItem("BOM")])).entries[0]!.title).toBe("BOM");
  });
});

describe("parseHfPapers failures", () => {
  it("rejects a file cut off halfway as a whole, saying it is incomplete", () => {
    const error = failure(daily.slice(0, Math.floor(daily.length / 2)));
    expect(error.message).toMatch(/^the JSON is incomplete or malformed \(it ends too early/);
    expect(error.message).not.toContain("\n");
  });

  it("rejects a file cut off inside a string as incomplete", () => {
    expect(failure(search.slice(0, search.indexOf("Monosemantic"))).message).toMatch(/ends too early/);
  });

  it("points at the line and column of a syntax error without quoting the file", () => {
    const text = `[\n  {"title": "A"},\n  {"title": "B"} {"title": "C"}\n]`;
    const { message } = failure(text);
    expect(message).toBe("the JSON is incomplete or malformed (at line 3, column 18)");
  });

  it("keeps the message to one short line for a syntax error V8 reports without a position", () => {
    const { message } = failure(`[{"title": "A"},]` + " ".repeat(5000) + "\n".repeat(10));
    expect(message).toMatch(/^the JSON is incomplete or malformed \(/);
    expect(message).not.toContain("\n");
    expect(message.length).toBeLessThan(120);
  });

  it.each([
    ["a number", "42", /it is a number/],
    ["a string", '"2511.01234"', /it is a string/],
    ["null", "null", /it is null/],
    ["a single paper object", json(dailyItem("Alone")), /object without a "papers" or "results" or "items" list/],
    ["an object whose papers are not a list", json({ papers: "none" }), /object without/],
    ["a list of numbers", "[1, 2, 3]", /none of its items is an object/],
    ["a list of nulls and strings", '[null, "paper"]', /none of its items is an object/],
  ])("rejects JSON of the wrong shape as a whole: %s", (_, text, detail) => {
    const { message } = failure(text);
    expect(message).toMatch(/^the JSON is not a list of Hugging Face papers \(/);
    expect(message).toMatch(detail);
  });

  it.each([
    ["an empty list", "[]"],
    ["an empty wrapped list", '{"papers": []}'],
  ])("rejects %s as a feed with no papers", (_, text) => {
    expect(failure(text).message).toBe("the feed has no papers");
    expect(failure(text).empty).toBe(true);
  });

  it.each([
    ["an empty file", ""],
    ["a whitespace-only file", " \n\t "],
  ])("rejects %s as empty", (_, text) => {
    expect(failure(text).message).toBe("the file is empty");
  });
});
