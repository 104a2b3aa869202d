// How one paper seen by several sources (a trending page, the Hugging Face API,
// the arXiv API) becomes one catalog entry: matched by arXiv id, else by
// normalised title; the most authoritative source's text wins; other fields fill
// in and are never lost; popularity is the best any day reported.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FeedError } from "@/lib/feed/errors";
import { ingestFeedFile } from "@/lib/ingest-file";
import { summaryLine } from "@/lib/ingest";
import { createTempCatalog, snapshot, textPage, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

const TODAY = "2026-11-29";
let cat: TempCatalog;
beforeEach(() => (cat = createTempCatalog()));
afterEach(() => cat.cleanup());

let fileNo = 0;
/** Ingests `text` as a feed file, the way `npm run ingest -- <file>` does, and returns the summary line. */
function ingest(name: string, text: string, date?: string): string {
  const file = writeFeed(cat.dir, `${++fileNo}-${name}`, text);
  return summaryLine(ingestFeedFile(cat.db, file, { today: TODAY, date }));
}

type Row = Record<string, unknown>;
const papers = () => cat.db.prepare("SELECT * FROM Paper ORDER BY id").all() as Row[];
const onlyPaper = () => {
  const all = papers();
  expect(all.map((p) => p.title)).toHaveLength(1);
  return view(all[0]!);
};
/** A paper row with its JSON columns read back. */
const view = (p: Row): Row & { authors: string[]; keywords: string[]; categories: string[] } => ({
  ...p,
  authors: JSON.parse(String(p.authors)) as string[],
  keywords: JSON.parse(String(p.keywords)) as string[],
  categories: JSON.parse(String(p.categories)) as string[],
});
const appearances = () =>
  cat.db
    .prepare(
      "SELECT paperId, source, feedDate, rank, upvotes, githubStars, comments FROM Appearance ORDER BY feedDate, source",
    )
    .all() as Row[];

// ---- The same paper as each source describes it --------------------------------------------------

const ARXIV_ID = "2511.01234";
const ARXIV_TITLE = "Sparse Mixture-of-Experts for Long-Context Retrieval";
const ARXIV_ABSTRACT =
  "We study sparse mixture-of-experts (MoE) retrievers for documents of up to 1M tokens. Routing each query to a handful of experts keeps the cost sub-linear.";
const ARXIV_AUTHORS = ["Jane Doe", "Wei Zhang", "Amélie Laurent"];

/** A trending page copied from a browser: title and abstract, no id, no authors. */
const TEXT_TITLE = "SPARSE MIXTURE OF EXPERTS for long context retrieval!";
const TEXT_ABSTRACT =
  "We study sparse mixture-of-experts retrievers for very long documents, copied from a trending page. Routing keeps the cost sub-linear across settings.";
const trendingPage = (dateLine = "Nov 20", title = TEXT_TITLE) => textPage([[title, TEXT_ABSTRACT]], dateLine);

type HfPaper = {
  id?: string;
  title?: string;
  summary?: string;
  upvotes?: number;
  githubStars?: number;
  day?: string;
  authors?: string[];
  githubRepo?: string;
};
/** A Hugging Face daily list (items wrapping a `paper`). */
function hfDaily(...items: HfPaper[]): string {
  return JSON.stringify(
    items.map((p) => ({
      paper: {
        id: p.id ?? ARXIV_ID,
        title: p.title ?? "Sparse  Mixture of Experts: for Long-Context   Retrieval",
        summary: p.summary ?? "Hugging Face's copy of the abstract, slightly reworded for the daily list.",
        authors: (p.authors ?? ["Jane Doe", "Wei Zhang"]).map((name) => ({ name, hidden: false })),
        publishedAt: "2025-11-04T17:59:58.000Z",
        upvotes: p.upvotes ?? 50,
        githubStars: p.githubStars ?? 400,
        githubRepo: p.githubRepo ?? "https://github.com/example/sparse-moe-retrieval",
        projectPage: "https://example.github.io/moe",
        ai_summary: "Sparse MoE retrievers match dense ones at a quarter of the latency.",
        ai_keywords: ["mixture of experts", "retrieval", "long context"],
      },
      publishedAt: `${p.day ?? "2026-11-21"}T08:15:00.000Z`,
      numComments: 4,
    })),
  );
}

type ArxivPaper = { id?: string; title?: string; summary?: string };
/** An arXiv API response. */
function arxivFeed(...entries: ArxivPaper[]): string {
  const body = entries
    .map(
      (e) => `  <entry>
    <id>http://arxiv.org/abs/${e.id ?? ARXIV_ID}v2</id>
    <updated>2025-11-05T12:00:01Z</updated>
    <published>2025-11-03T17:59:58Z</published>
    <title>${e.title ?? "Sparse Mixture-of-Experts for\n  Long-Context Retrieval"}</title>
    <summary>  ${e.summary ?? "We study sparse mixture-of-experts (MoE) retrievers for documents of up to\n1M tokens. Routing each query to a handful of experts keeps the cost\nsub-linear."}
</summary>
${ARXIV_AUTHORS.map((name) => `    <author><name>${name}</name></author>`).join("\n")}
    <arxiv:doi>10.1000/xyz123</arxiv:doi>
    <arxiv:comment>12 pages, 4 figures; accepted at
  ICLR 2026</arxiv:comment>
    <link href="http://arxiv.org/abs/${e.id ?? ARXIV_ID}v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${e.id ?? ARXIV_ID}v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.IR" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>ArXiv Query: cat:cs.CL</title>
  <id>http://arxiv.org/api/abc</id>
  <updated>2025-11-05T00:00:00-05:00</updated>
${body}
</feed>
`;
}

/** What a user sees of the paper once all three sources have been read, whatever their order. */
const MERGED = {
  arxivId: ARXIV_ID,
  title: ARXIV_TITLE,
  abstract: ARXIV_ABSTRACT,
  textSource: "arxiv",
  authors: ARXIV_AUTHORS,
  publishedOn: "2025-11-03",
  updatedOn: "2025-11-05",
  categories: ["cs.CL", "cs.IR"],
  doi: "10.1000/xyz123",
  comment: "12 pages, 4 figures; accepted at ICLR 2026",
  githubRepo: "https://github.com/example/sparse-moe-retrieval",
  projectPage: "https://example.github.io/moe",
  aiSummary: "Sparse MoE retrievers match dense ones at a quarter of the latency.",
  keywords: ["mixture of experts", "retrieval", "long context"],
  upvotes: 50,
  githubStars: 400,
  pdfUrl: "https://arxiv.org/pdf/2511.01234v2",
};

describe("one paper from three sources", () => {
  it("fills in from each richer source as it arrives: trending page, then Hugging Face, then arXiv", () => {
    expect(ingest("page.txt", trendingPage())).toBe("added 1, updated 0, unchanged 0, rejected 0");
    expect(onlyPaper()).toMatchObject({
      title: TEXT_TITLE,
      abstract: TEXT_ABSTRACT,
      arxivId: null,
      authors: [],
      upvotes: null,
      textSource: "text-page",
    });

    // Matched by normalised title: case, punctuation and spacing differ, and the page had no id.
    expect(ingest("hf.json", hfDaily({}))).toBe("added 0, updated 1, unchanged 0, rejected 0");
    expect(onlyPaper()).toMatchObject({
      arxivId: ARXIV_ID,
      title: "Sparse Mixture of Experts: for Long-Context Retrieval", // whitespace cleaned
      abstract: "Hugging Face's copy of the abstract, slightly reworded for the daily list.",
      textSource: "hf",
      authors: ["Jane Doe", "Wei Zhang"],
      publishedOn: "2025-11-04",
      upvotes: 50,
      githubStars: 400,
      githubRepo: "https://github.com/example/sparse-moe-retrieval",
      keywords: ["mixture of experts", "retrieval", "long context"],
      firstFeedDate: "2026-11-20",
      lastFeedDate: "2026-11-21",
    });

    // Matched by arXiv id (arXiv's title wraps over two lines).
    expect(ingest("arxiv.xml", arxivFeed({}), "2026-11-22")).toBe("added 0, updated 1, unchanged 0, rejected 0");
    const paper = onlyPaper();
    expect(paper).toMatchObject({ ...MERGED, firstFeedDate: "2026-11-20", lastFeedDate: "2026-11-22" });
  });

  it("ends with the same paper whatever order the sources arrive in", () => {
    ingest("arxiv.xml", arxivFeed({}), "2026-11-22");
    expect(ingest("hf.json", hfDaily({}))).toBe("added 0, updated 1, unchanged 0, rejected 0");
    expect(ingest("page.txt", trendingPage())).toBe("added 0, updated 1, unchanged 0, rejected 0");
    expect(onlyPaper()).toMatchObject({ ...MERGED, firstFeedDate: "2026-11-20", lastFeedDate: "2026-11-22" });
  });

  it("loses nothing known when a poorer source comes later: the page again keeps arXiv's text, authors, id and upvotes", () => {
    ingest("page.txt", trendingPage());
    ingest("hf.json", hfDaily({}));
    ingest("arxiv.xml", arxivFeed({}), "2026-11-22");
    const before = onlyPaper();

    // The page trends again on a later day: a new appearance, nothing else changes.
    expect(ingest("page-later.txt", trendingPage("Nov 25"))).toBe("added 0, updated 1, unchanged 0, rejected 0");
    const after = onlyPaper();
    expect(after).toMatchObject({ ...MERGED, lastFeedDate: "2026-11-25" });
    expect({ ...after, lastFeedDate: null, lastRank: null, updatedAt: null }).toEqual({
      ...before,
      lastFeedDate: null,
      lastRank: null,
      updatedAt: null,
    });

    // Hugging Face again, later, without the repo this time: arXiv's text stays, the repo is not forgotten.
    ingest("hf-later.json", hfDaily({ day: "2026-11-26", githubRepo: "not a url", upvotes: 70 }));
    expect(onlyPaper()).toMatchObject({ ...MERGED, upvotes: 70, lastFeedDate: "2026-11-26" });
  });

  it("reports everything unchanged, and changes nothing, when the same files are ingested again", () => {
    const files: [string, string, string?][] = [
      ["page.txt", trendingPage()],
      ["hf.json", hfDaily({})],
      ["arxiv.xml", arxivFeed({}), "2026-11-22"],
    ];
    for (const [name, text, date] of files) ingest(name, text, date);
    const before = snapshot(cat.db);
    for (const [name, text, date] of files) {
      expect(ingest(name, text, date), name).toBe("added 0, updated 0, unchanged 1, rejected 0");
    }
    expect(snapshot(cat.db)).toEqual(before);
  });

  it("records an appearance per source and day, with that day's figures", () => {
    ingest("page.txt", trendingPage());
    ingest("hf.json", hfDaily({}));
    ingest("arxiv.xml", arxivFeed({}), "2026-11-22");
    // The page and Hugging Face on the same day are two appearances, not one overwriting the other.
    ingest("hf-same-day-as-page.json", hfDaily({ day: "2026-11-20", upvotes: 10, githubStars: 90 }));
    const id = onlyPaper().id;
    expect(appearances()).toEqual([
      { paperId: id, source: "hf", feedDate: "2026-11-20", rank: 1, upvotes: 10, githubStars: 90, comments: 4 },
      {
        paperId: id,
        source: "text-page",
        feedDate: "2026-11-20",
        rank: 1,
        upvotes: null,
        githubStars: null,
        comments: null,
      },
      { paperId: id, source: "hf", feedDate: "2026-11-21", rank: 1, upvotes: 50, githubStars: 400, comments: 4 },
      {
        paperId: id,
        source: "arxiv",
        feedDate: "2026-11-22",
        rank: 1,
        upvotes: null,
        githubStars: null,
        comments: null,
      },
    ]);
  });
});

describe("popularity", () => {
  it("keeps the highest upvotes and stars any day reported, not the latest", () => {
    ingest("d1.json", hfDaily({ day: "2026-11-20", upvotes: 50, githubStars: 400 }));
    ingest("d2.json", hfDaily({ day: "2026-11-21", upvotes: 120, githubStars: 380 }));
    ingest("d3.json", hfDaily({ day: "2026-11-22", upvotes: 80, githubStars: 450 }));
    expect(onlyPaper()).toMatchObject({ upvotes: 120, githubStars: 450, lastFeedDate: "2026-11-22" });
    expect(appearances().map((a) => [a.feedDate, a.upvotes, a.githubStars])).toEqual([
      ["2026-11-20", 50, 400],
      ["2026-11-21", 120, 380],
      ["2026-11-22", 80, 450],
    ]);
  });

  it("updates a day's figures when that day's list is fetched again later, counting it as updated", () => {
    ingest("d1.json", hfDaily({ day: "2026-11-20", upvotes: 50 }));
    expect(ingest("d1-again.json", hfDaily({ day: "2026-11-20", upvotes: 95 }))).toBe(
      "added 0, updated 1, unchanged 0, rejected 0",
    );
    expect(appearances()).toHaveLength(1);
    expect(appearances()[0]).toMatchObject({ upvotes: 95 });
    expect(onlyPaper()).toMatchObject({ upvotes: 95 });
  });

  it("is not lost when a source without figures (a trending page, arXiv) sees the paper later", () => {
    ingest("hf.json", hfDaily({ upvotes: 77, githubStars: 12 }));
    ingest("page.txt", trendingPage("Nov 27"));
    ingest("arxiv.xml", arxivFeed({}), "2026-11-28");
    expect(onlyPaper()).toMatchObject({ upvotes: 77, githubStars: 12 });
  });
});

describe("telling papers apart", () => {
  it("keeps two papers with the same title but different arXiv ids apart, in one file or across files", () => {
    const twins = hfDaily({ id: "2511.00001", upvotes: 5 }, { id: "2511.00002", upvotes: 7 });
    expect(ingest("twins.json", twins)).toBe("added 2, updated 0, unchanged 0, rejected 0");
    expect(ingest("third.json", hfDaily({ id: "2511.00003", day: "2026-11-22" }))).toBe(
      "added 1, updated 0, unchanged 0, rejected 0",
    );
    expect(papers().map((p) => [p.arxivId, p.upvotes])).toEqual([
      ["2511.00001", 5],
      ["2511.00002", 7],
      ["2511.00003", 50],
    ]);
    expect(new Set(papers().map((p) => p.slug)).size).toBe(3);
    // arXiv's version of one of them joins that one only.
    ingest("arxiv.xml", arxivFeed({ id: "2511.00002" }), "2026-11-23");
    expect(papers().map((p) => [p.arxivId, p.textSource])).toEqual([
      ["2511.00001", "hf"],
      ["2511.00002", "arxiv"],
      ["2511.00003", "hf"],
    ]);
  });

  it("gives a paper known by title only to the first paper of an arXiv id, and a different id a paper of its own", () => {
    ingest("page.txt", trendingPage());
    expect(ingest("two.json", hfDaily({ id: "2511.00001" }, { id: "2511.00002" }))).toBe(
      "added 1, updated 1, unchanged 0, rejected 0",
    );
    const [first, second] = papers();
    expect(first).toMatchObject({ arxivId: "2511.00001", firstFeedDate: "2026-11-20" });
    expect(second).toMatchObject({ arxivId: "2511.00002", firstFeedDate: "2026-11-21" });
  });

  it("matches by arXiv id even when the title changed completely between versions", () => {
    ingest("hf.json", hfDaily({ title: "An Early Working Title" }));
    expect(ingest("arxiv.xml", arxivFeed({}), "2026-11-22")).toBe("added 0, updated 1, unchanged 0, rejected 0");
    expect(onlyPaper()).toMatchObject({ arxivId: ARXIV_ID, title: ARXIV_TITLE });
  });

  it("does not match a different title, even one that is close", () => {
    ingest("page.txt", trendingPage());
    ingest("other.txt", trendingPage("Nov 21", "Sparse Mixture-of-Experts for Long-Context Retrieval, Part II"));
    expect(papers()).toHaveLength(2);
  });

  it("matches a Hugging Face item without an arXiv id by its title", () => {
    ingest("page.txt", trendingPage());
    expect(
      ingest(
        "blog.json",
        hfDaily({ id: "hf-blog-sparse-moe", title: "Sparse mixture-of-experts FOR long-context retrieval" }),
      ),
    ).toBe("added 0, updated 1, unchanged 0, rejected 0");
    expect(onlyPaper()).toMatchObject({ arxivId: null, textSource: "hf", upvotes: 50 });
  });
});

describe("a feed that fails as a whole", () => {
  it("leaves the catalog exactly as it was when a Hugging Face download was cut off, and records the failure", () => {
    ingest("page.txt", trendingPage());
    ingest("hf.json", hfDaily({}));
    const before = snapshot(cat.db);
    const full = hfDaily(
      { day: "2026-11-23", upvotes: 999 },
      { id: "2511.09999", title: "Another Paper", day: "2026-11-23" },
    );
    const truncated = full.slice(0, Math.floor(full.length * 0.7));
    expect(() => ingest("cut.json", truncated)).toThrow(FeedError);
    expect(() => ingest("cut.json", truncated)).toThrow(/JSON is incomplete or malformed \(it ends too early/);
    expect(snapshot(cat.db)).toEqual(before);
    const lastRun = cat.db
      .prepare("SELECT status, added, updated, message FROM IngestRun ORDER BY id DESC LIMIT 1")
      .get();
    expect(lastRun).toMatchObject({
      status: "failed",
      added: 0,
      updated: 0,
      message: expect.stringMatching(/ends too early/),
    });
  });
});
