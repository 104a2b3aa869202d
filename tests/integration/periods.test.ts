// Trending by day, week and month over a catalog fed by several days of the
// Hugging Face API and a trending page: what each period lists, in what order,
// where its previous/next links go, and the Atom feed of a listing.
import { XMLParser } from "fast-xml-parser";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPapers } from "@/app/api/papers/route";
import { GET as getFeed } from "@/app/feed.xml/route";
import { findPapers, getPeriodNav } from "@/lib/catalog";
import { ingestFeedFile } from "@/lib/ingest-file";
import { periodOf } from "@/lib/periods";
import { abstractFor, createTempCatalog, textPage, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;

/** One Hugging Face day: [arXiv id suffix, title, upvotes] in the API's order. */
const hfDay = (day: string, papers: [string, string, number][]) =>
  JSON.stringify(
    papers.map(([id, title, upvotes]) => ({
      paper: {
        id: `2511.${id}`,
        title,
        summary: abstractFor(title.toLowerCase()),
        upvotes,
        authors: [{ name: "A. Author" }],
      },
      publishedAt: `${day}T08:00:00.000Z`,
      title,
    })),
  );

beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  const ingest = (name: string, text: string, date?: string) =>
    ingestFeedFile(cat.db, writeFeed(cat.dir, name, text), { date, today: "2026-11-29" });
  // Thursday, Friday, then Monday: the weekend has no papers.
  ingest(
    "thu.json",
    hfDay("2026-11-19", [
      ["00001", "Sparse Routing Transformers", 40],
      ["00002", "Token Merging Revisited", 12],
    ]),
  );
  ingest(
    "fri.json",
    hfDay("2026-11-20", [
      ["00001", "Sparse Routing Transformers", 95],
      ["00003", "Diffusion Policies for Robots", 30],
    ]),
  );
  ingest(
    "mon.json",
    hfDay("2026-11-23", [
      ["00004", "Speculative Decoding at Scale", 7],
      ["00002", "Token Merging Revisited", 60],
    ]),
  );
  // A trending page the same Monday: no upvotes, only its order.
  ingest(
    "page.txt",
    textPage([
      ["Graph Neural Retrieval", abstractFor("graph retrieval")],
      ["Quantized Attention Kernels", abstractFor("kernels")],
    ]),
    "2026-11-23",
  );
});
afterAll(() => cat.cleanup());

const titles = async (period: string, extra: Partial<Parameters<typeof findPapers>[0]> = {}) => {
  const [kind, value] = period.split("=") as ["date" | "week" | "month", string];
  const result = await findPapers({
    q: "",
    topics: [],
    sort: "trending",
    page: 1,
    limit: 20,
    period: periodOf(kind, value),
    ...extra,
  });
  return result.items.map((p) => p.title);
};

describe("browsing by period", () => {
  it("lists a day's papers by upvotes, then the papers without upvotes in feed order", async () => {
    expect(await titles("date=2026-11-23")).toEqual([
      "Token Merging Revisited",
      "Speculative Decoding at Scale",
      "Graph Neural Retrieval",
      "Quantized Attention Kernels",
    ]);
  });

  it("ranks a week by each paper's best upvotes in it, each paper once", async () => {
    expect(await titles("week=2026-W47")).toEqual([
      "Sparse Routing Transformers",
      "Diffusion Policies for Robots",
      "Token Merging Revisited",
    ]);
    expect(await titles("month=2026-11")).toHaveLength(6);
  });

  it("is empty for a day without papers, and a search within a period only finds that period's papers", async () => {
    expect(await titles("date=2026-11-21")).toEqual([]);
    expect(await titles("week=2026-W48", { q: "sparse routing", sort: "relevance" })).toEqual([]);
    expect(await titles("week=2026-W47", { q: "sparse routing", sort: "relevance" })).toEqual([
      "Sparse Routing Transformers",
    ]);
  });

  it("links previous and next to the nearest days with papers, skipping the weekend", async () => {
    const monday = await getPeriodNav(periodOf("date", "2026-11-23")!);
    expect(monday.previous?.value).toBe("2026-11-20");
    expect(monday.next).toBeNull();
    const thursday = await getPeriodNav(periodOf("date", "2026-11-19")!);
    expect(thursday.previous).toBeNull();
    expect(thursday.next?.value).toBe("2026-11-20");
    const week = await getPeriodNav(periodOf("week", "2026-W48")!);
    expect(week.previous?.value).toBe("2026-W47");
    expect(week.lastDay).toBe("2026-11-23");
  });

  it("serves periods on the JSON API and refuses an impossible day with a 400", async () => {
    const ok = await getPapers(new NextRequest("http://localhost/api/papers?date=2026-11-20"));
    const body = await ok.json();
    expect(body.results.map((p: { title: string }) => p.title)).toEqual([
      "Sparse Routing Transformers",
      "Diffusion Policies for Robots",
    ]);
    expect(body.results[0]).toMatchObject({ arxivId: "2511.00001", upvotes: 95 });
    const bad = await getPapers(new NextRequest("http://localhost/api/papers?date=2026-02-30"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "date must be a real day as YYYY-MM-DD" });
  });
});

describe("GET /feed.xml", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  const feed = async (query: string) => {
    const response = await getFeed(new NextRequest(`http://localhost:3000/feed.xml${query}`));
    return { response, xml: await response.text() };
  };

  it("is an Atom feed of the listing, newest trending first, with links back to the papers", async () => {
    const { response, xml } = await feed("");
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const doc = parser.parse(xml).feed;
    expect(doc["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    const entries = [doc.entry].flat();
    expect(entries).toHaveLength(6);
    expect(entries[0].link["@href"]).toMatch(/^http:\/\/localhost:3000\/papers\//);
    expect(entries.map((e: { title: { "#text": string } }) => e.title["#text"])).toContain("Token Merging Revisited");
  });

  it("follows the same search, topic and period as the page it comes from", async () => {
    const { xml } = await feed("?q=sparse&week=2026-W47");
    const doc = parser.parse(xml).feed;
    const entries = [doc.entry].flat();
    expect(entries.map((e: { title: { "#text": string } }) => e.title["#text"])).toEqual([
      "Sparse Routing Transformers",
    ]);
    expect(doc.title).toMatch(/“sparse” · Week of Nov 16, 2026/);
    const self = [doc.link].flat().find((l: { "@rel": string }) => l["@rel"] === "self");
    expect(self["@href"]).toBe("http://localhost:3000/feed.xml?q=sparse&week=2026-W47");
  });

  it("answers bad parameters with a 400 and a message, not a feed", async () => {
    const { response } = await feed("?topic=astrology");
    expect(response.status).toBe(400);
  });
});
