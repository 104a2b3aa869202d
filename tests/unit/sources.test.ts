import { describe, expect, it } from "vitest";
import { detectFormat } from "@/lib/feed/detect";
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { FeedError } from "@/lib/feed/errors";
import {
  ARXIV_INTERVAL_MS,
  arxivUrl,
  configuredSources,
  dayUrl,
  fetchOptionsFor,
  hfUrl,
  parseSources,
  sourceName,
} from "@/lib/sources";

describe("source URLs", () => {
  it("asks the Hugging Face API for a day, a week or a month", () => {
    const base = "https://huggingface.co/api/daily_papers";
    expect(hfUrl({ kind: "date", value: "2026-11-27" }, base)).toBe(`${base}?date=2026-11-27&limit=100`);
    expect(hfUrl({ kind: "week", value: "2026-W48" }, base)).toBe(`${base}?week=2026-W48&limit=100`);
    expect(hfUrl({ kind: "month", value: "2026-11" }, base)).toBe(`${base}?month=2026-11&limit=100`);
  });

  it("asks arXiv for the newest submissions of a query, and for one day's with a date range", () => {
    const url = new URL(arxivUrl("cat:cs.CL", 200, "https://export.arxiv.org/api/query"));
    expect(url.searchParams.get("search_query")).toBe("cat:cs.CL");
    expect(url.searchParams.get("sortBy")).toBe("submittedDate");
    expect(url.searchParams.get("sortOrder")).toBe("descending");
    expect(url.searchParams.get("max_results")).toBe("200");
    const day = new URL(arxivUrl("cat:cs.CL OR cat:cs.LG", 50, "https://export.arxiv.org/api/query", "2026-11-27"));
    expect(day.searchParams.get("search_query")).toBe(
      "(cat:cs.CL OR cat:cs.LG) AND submittedDate:[202611270000 TO 202611272359]",
    );
  });

  it("uses PAPERSHELF_HF_URL and PAPERSHELF_ARXIV_URL instead of the public APIs, and refuses a non-http one", () => {
    const env = { PAPERSHELF_HF_URL: "http://127.0.0.1:9999/hf", PAPERSHELF_ARXIV_URL: "http://127.0.0.1:9999/ax" };
    expect(dayUrl({ kind: "hf" }, "2026-11-20", env)).toBe("http://127.0.0.1:9999/hf?date=2026-11-20&limit=100");
    expect(dayUrl({ kind: "arxiv", query: "cat:cs.AI", max: 10 }, "2026-11-20", env)).toMatch(
      /^http:\/\/127\.0\.0\.1:9999\/ax\?search_query=/,
    );
    expect(() => dayUrl({ kind: "hf" }, "2026-11-20", { PAPERSHELF_HF_URL: "ftp://mirror/hf" })).toThrow(
      "PAPERSHELF_HF_URL must be an http(s) URL",
    );
  });

  it("spaces calls to arXiv by 3 seconds and leaves other hosts alone", () => {
    expect(fetchOptionsFor("https://export.arxiv.org/api/query?x", {}).minIntervalMs).toBe(ARXIV_INTERVAL_MS);
    expect(ARXIV_INTERVAL_MS).toBeGreaterThanOrEqual(3000);
    expect(fetchOptionsFor("https://huggingface.co/api/daily_papers", {}).minIntervalMs).toBe(0);
    expect(fetchOptionsFor("http://notarxiv.org.example/", {}).minIntervalMs).toBe(0);
  });
});

describe("PAPERSHELF_SOURCES", () => {
  it("defaults to the Hugging Face daily papers", () => {
    expect(parseSources(undefined)).toEqual([{ kind: "hf" }]);
  });

  it("reads sources separated by semicolons or new lines, each once", () => {
    const sources = parseSources("hf; arxiv:cat:cs.CL\narxiv:cat:cs.LG AND abs:diffusion; HF");
    expect(sources.map(sourceName)).toEqual(["hf", "arxiv:cat:cs.CL", "arxiv:cat:cs.LG AND abs:diffusion"]);
  });

  it("names the bad part of a bad list in one line", () => {
    expect(() => parseSources("hf; rss:foo")).toThrow('PAPERSHELF_SOURCES: unknown source "rss:foo"');
    expect(() => parseSources("arxiv:")).toThrow("an arXiv source needs a query");
    expect(() => parseSources(" ; ")).toThrow("PAPERSHELF_SOURCES lists no source");
  });

  it("takes the number of arXiv results per call from PAPERSHELF_ARXIV_MAX, within arXiv's limit", () => {
    expect(configuredSources({ PAPERSHELF_SOURCES: "arxiv:cat:cs.CL", PAPERSHELF_ARXIV_MAX: "50" })).toEqual([
      { kind: "arxiv", query: "cat:cs.CL", max: 50 },
    ]);
    expect(() => configuredSources({ PAPERSHELF_ARXIV_MAX: "5000" })).toThrow(
      "PAPERSHELF_ARXIV_MAX must be a whole number from 1 to 2000",
    );
  });
});

describe("format detection", () => {
  it("tells JSON, Atom and page text apart by their content", () => {
    expect(detectFormat('  [{"paper": {}}]')).toBe("hf");
    expect(detectFormat('\uFEFF{"papers": []}')).toBe("hf");
    expect(detectFormat('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toBe("arxiv");
    expect(detectFormat("Trending Papers\n\nMar 11\n\nA Title\n\nAn abstract.")).toBe("text-page");
  });

  it("refuses a web page with a hint instead of reading its markup as papers", () => {
    for (const page of ["<!DOCTYPE html><html><body>hi</body></html>", "<html lang=en><head></head></html>"]) {
      expect(() => detectFormat(page)).toThrow(FeedError);
      expect(() => detectFormat(page)).toThrow(/HTML web page, not a feed/);
    }
  });
});

describe("the public address in links", () => {
  it("comes from PAPERSHELF_URL, else the visitor's Host (or a proxy's forwarded host and scheme)", () => {
    expect(siteUrl("http://10.0.0.5:3000", { PAPERSHELF_URL: "https://papers.example.org/" })).toBe(
      "https://papers.example.org",
    );
    expect(siteUrl(requestOrigin(new Headers({ host: "papers.lab:3000" })), {})).toBe("http://papers.lab:3000");
    const proxied = new Headers({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "papers.example.org",
      "x-forwarded-proto": "https",
    });
    expect(requestOrigin(proxied)).toBe("https://papers.example.org");
    expect(requestOrigin(new Headers({ host: "evil.example/<script>" }))).toBeUndefined();
    expect(siteUrl(undefined, {})).toBe("http://localhost:3000");
    expect(() => siteUrl(undefined, { PAPERSHELF_URL: "papers.example.org" })).toThrow(
      /PAPERSHELF_URL must be an absolute/,
    );
  });
});
