import { describe, expect, it } from "vitest";
import { FeedError } from "@/lib/feed/errors";
import { parseHfPapers } from "@/lib/feed/hf";
import { checkFeedSize, countPieces, MAX_FEED_BYTES } from "@/lib/feed/limits";
import { parseTextPage } from "@/lib/feed/text-page";

const MB = 1024 * 1024;
const roomy = { free: 4096 * MB, used: 50 * MB };

describe("checkFeedSize", () => {
  it("accepts a feed the heap has room for", () => {
    expect(() => checkFeedSize(60 * MB, roomy, 200_000)).not.toThrow();
  });

  it("refuses a feed over 256 MB whatever the memory", () => {
    expect(() => checkFeedSize(MAX_FEED_BYTES + 1, { free: 64 * 1024 * MB, used: 0 })).toThrow(
      "the feed is 256 MB; feeds are limited to 256 MB (split it into smaller files)",
    );
  });

  it("refuses a feed too big for the heap, saying what it needs and which heap would do", () => {
    expect(() => checkFeedSize(60 * MB, { free: 200 * MB, used: 60 * MB })).toThrow(
      "the feed is too large for this process's memory: its 60 MB would need about 300 MB and 200 MB is free " +
        "(split the feed, or run with NODE_OPTIONS=--max-old-space-size=512)",
    );
  });

  it("counts a small file of many tiny pieces by its pieces", () => {
    expect(() => checkFeedSize(3 * MB, roomy, 10_000_000)).toThrow(
      /its 3 MB hold 10,000,000 objects, elements or lines, which would need about 5\.6 GB and 4\.0 GB is free/,
    );
  });
});

describe("countPieces", () => {
  it("counts the bytes that open an object, array, element or line", () => {
    expect(countPieces(new TextEncoder().encode('[{"a": [1]}, "<b>"]\nx\n'))).toBe(6);
  });
});

describe("FeedError", () => {
  it("keeps a message that quotes a huge name to one line of at most 1,000 characters", () => {
    const error = new FeedError(`unexpected closing tag '${"b".repeat(5 * MB)}'\n  at line 3`);
    expect(error.message).not.toContain("\n");
    expect(error.message.length).toBeLessThanOrEqual(1000);
    expect(error.message).toMatch(/^unexpected closing tag 'b{119}…b{39}' at line 3$/);
  });

  it("leaves ordinary messages as they are", () => {
    const url = "https://export.arxiv.org/api/query?search_query=cat%3Acs.CL&sortBy=submittedDate&max_results=200";
    expect(new FeedError(`HTTP 404 Not Found from ${url}`).message).toBe(`HTTP 404 Not Found from ${url}`);
  });
});

describe("the entry limit", () => {
  it("refuses a Hugging Face list of more than 200,000 items before looking at any", () => {
    const json = `[${Array(200_001).fill("{}").join(",")}]`;
    expect(() => parseHfPapers(json, { today: "2026-11-29" })).toThrow(
      "the feed lists 200,001 entries; at most 200,000 are read from one feed (split it into smaller files)",
    );
  });

  it("refuses a trending page of more than 200,000 entries", () => {
    const page = ["Trending", "Mar 11", ...Array.from({ length: 200_001 }, (_, i) => `Title ${i}`)].join("\n\n");
    expect(() => parseTextPage(page, { today: "2026-11-29" })).toThrow(/the feed lists more than 200,000 entries/);
  });
});
