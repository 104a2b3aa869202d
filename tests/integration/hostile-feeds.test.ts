// Broken and hostile feeds through the real `npm run ingest` (scripts/ingest.ts as
// a child process, its heap capped): each either ingests correctly or fails with
// one short line, peaks at a bounded amount of memory, and leaves the catalog as
// it was (the failed attempt is recorded in the ingest history, nothing else).
// The big files are generated into a temp folder here, never committed.
//
// Memory is bounded two ways. The heap cap (--max-old-space-size) makes a runaway
// allocation fail at once instead of swapping the machine. The peak RSS, which
// the child reports on exit (tests/helpers/report-max-rss.ts), also counts what
// the heap cap does not: file buffers and SQLite's own memory.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_FEED, ingestFeedFile } from "@/lib/ingest-file";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { hfDailyJson } from "@/tests/helpers/big-feeds";
import { createTempCatalog, tempDir, textPage, abstractFor, type TempCatalog } from "@/tests/helpers/catalog";
import { runMeasured, type ChildResult } from "@/tests/helpers/child";
import { catalogOnlyDigest } from "@/tests/helpers/digest";

const MB = 1024 * 1024;
/** The heap the child gets unless a case says otherwise. */
const HEAP_MB = 512;
/** What node, tsx and the modules take before any feed (measured: about 110 MB). */
const BASELINE_MB = 256;
/** Allowed peak resident memory per MB of feed (measured: about 7). */
const RSS_PER_FEED_MB = 8;

let dir: string;
beforeAll(() => {
  dir = tempDir("papershelf-hostile-");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

/** `count` copies of `unit` between `open` and `close`, built as bytes (a 60 MB string would be slow to join). */
function repeated(open: string, unit: string, count: number, close: string): Buffer {
  const body = Buffer.alloc(unit.length * count, unit);
  return Buffer.concat([Buffer.from(open), body, Buffer.from(close)]);
}

const ingest = (cat: TempCatalog, file: string, heapMb = HEAP_MB, timeoutMs?: number) =>
  runMeasured("scripts/ingest.ts", [file], { env: { DATABASE_URL: cat.url }, heapMb, timeoutMs });

function expectBoundedMemory(result: ChildResult, feedBytes: number) {
  expect(result.maxRssMb, "the child exited normally and reported its peak memory").not.toBeNull();
  expect(result.maxRssMb!).toBeLessThan(BASELINE_MB + (RSS_PER_FEED_MB * feedBytes) / MB);
}

type Hostile = {
  /** Writes the feed and returns its path. */
  feed: () => string;
  error: RegExp;
  heapMb?: number;
  /** For inputs without a size (a device): what the memory bound is computed from. */
  sizeForBound?: number;
  timeoutMs?: number;
};

const abstract = abstractFor("robust ingestion");
const hfItem = (title: unknown) => ({
  paper: { id: "2511.00001", title, summary: abstract },
  publishedAt: "2026-11-20",
});

const HOSTILE: Record<string, Hostile> = {
  "an empty file": { feed: () => write("empty.txt", ""), error: /: the file is empty$/ },
  "a PNG image": {
    feed: () => write("image.png", Buffer.from("89504e470d0a1a0a0000000d49484452" + "00".repeat(64), "hex")),
    error: /the file is binary \(it contains NUL bytes\), not a text feed$/,
  },
  "a web page": {
    feed: () =>
      write("page.html", "<!DOCTYPE html>\n<html><head><title>Trending</title></head><body>…</body></html>\n"),
    error: /this is an HTML web page, not a feed/,
  },
  "JSON cut off mid-download": {
    feed: () => write("cut.json", hfDailyJson(20, "2026-11-20").slice(0, 20_000)),
    error: /the JSON is incomplete or malformed \(it ends too early; was the download cut off\?\)$/,
  },
  "JSON of another shape": {
    feed: () => write("shape.json", JSON.stringify({ data: [{ name: "not a paper" }] })),
    error:
      /the JSON is not a list of Hugging Face papers \(it is an object without a "papers" or "results" or "items" list\)$/,
  },
  "XML that is not a feed": {
    feed: () =>
      write("rss.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n'),
    error: /the XML is not an Atom feed \(root element <rss>\)$/,
  },
  "an XML entity bomb": {
    feed: () =>
      write(
        "bomb.xml",
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">' +
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><feed xmlns="http://www.w3.org/2005/Atom">' +
          "<entry><title>&lol3;</title></entry></feed>",
      ),
    error: /the XML has a DOCTYPE declaration, which arXiv feeds never have; its entities are not expanded$/,
  },
  "JSON nested 100,000 levels deep": {
    feed: () => write("deep.json", repeated("", "[", 100_000, "]".repeat(100_000))),
    error: /the JSON is not a list of Hugging Face papers \(none of its items is an object\)$/,
  },
  "a paper whose title is JSON nested 100,000 levels deep": {
    feed: () =>
      write("deep-title.json", JSON.stringify([hfItem("@")]).replace('"@"', "[".repeat(100_000) + "]".repeat(100_000))),
    error: /no valid paper in the feed \(1 rejected; entry 1 has no title\)$/,
  },
  "XML nested 100,000 levels deep": {
    feed: () =>
      write(
        "deep.xml",
        repeated('<feed xmlns="http://www.w3.org/2005/Atom">', "<a>", 100_000, `${"</a>".repeat(100_000)}</feed>`),
      ),
    error: /the XML could not be read \(Maximum nested tags exceeded\)$/,
  },
  "a trending page whose abstract is one 5 MB line": {
    feed: () => write("long-line.txt", textPage([["A Paper With A Very Long Abstract", "word ".repeat(MB)]])),
    error: /no valid paper in the feed \(1 rejected; entry 1 has an abstract longer than 100,000 characters\)$/,
  },
  "text that is not UTF-8 (Latin-1)": {
    feed: () => write("latin1.txt", Buffer.from(textPage([["Caf\u00e9 Models", abstract]]), "latin1")),
    error: /the file is not valid UTF-8 text \(line 7, byte 28: 0xE9 0x20\); save it as UTF-8 and try again$/,
  },
  "XML whose error quotes a 900 kB tag name": {
    feed: () =>
      write("long-tag.xml", `<feed xmlns="http://www.w3.org/2005/Atom"><entry></${"b".repeat(900 * 1024)}></feed>`),
    error:
      /the XML is incomplete or malformed \(line 1 of 1: Expected closing tag 'entry'.*instead of closing tag 'b+…b+'\.\)$/,
  },
  "XML with a 5 MB title": {
    feed: () =>
      write(
        "long-text.xml",
        `<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<title>${"word ".repeat(MB)}</title></entry></feed>`,
      ),
    error:
      /the XML has 5 MB without a "<" or ">" \(from line 3\); no Atom feed has a name, attribute or text that long$/,
  },
  "a device that never ends (/dev/zero)": {
    feed: () => "/dev/zero",
    error: /: it is not a regular file and does not end within \d+ MB, the most this process reads as a feed$/,
    sizeForBound: 256 * MB,
    timeoutMs: 60_000,
  },
  "60 MB of JSON holding twenty million empty objects": {
    feed: () => write("empties.json", repeated("[", "{},", 20_000_000, "{}]")),
    error:
      /the feed is too large for this process's memory: its 57 MB hold 20,000,002 objects, elements or lines, which would need about 11\.\d GB and \d+ MB is free/,
  },
  "a trending page of 300,000 titles without abstracts": {
    feed: () =>
      write("titles.txt", textPage(Array.from({ length: 150_000 }, (_, i) => [`Title ${i}`, `Another Title ${i}`]))),
    error:
      /the feed lists more than 200,000 entries; at most 200,000 are read from one feed \(split it into smaller files\)$/,
  },
};

describe("npm run ingest on broken and hostile feeds", () => {
  let cat: TempCatalog;
  beforeAll(() => {
    cat = createTempCatalog();
    ingestFeedFile(cat.db, SAMPLE_FEED);
  });
  afterAll(() => cat.cleanup());

  it.each(Object.entries(HOSTILE))(
    "refuses %s with one short line, in bounded memory, leaving the catalog as it was",
    { timeout: 120_000 },
    async (_, { feed, error, heapMb, sizeForBound, timeoutMs }) => {
      const file = feed();
      const before = catalogOnlyDigest(cat.file);
      const runsBefore = cat.db.prepare("SELECT count(*) AS n FROM IngestRun").get() as { n: number };

      const result = await ingest(cat, file, heapMb, timeoutMs);

      expect(result.stdout).toBe("");
      expect(result.stderr.startsWith(`ingest: ${file}: `)).toBe(true);
      expect(result.stderr.trim()).toMatch(error);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr.length).toBeLessThan(1200);
      expect(result.status).toBe(1);
      expectBoundedMemory(result, sizeForBound ?? fs.statSync(file).size);

      expect(catalogOnlyDigest(cat.file)).toBe(before);
      const runs = cat.db.prepare("SELECT status, message FROM IngestRun ORDER BY id DESC").all() as {
        status: string;
        message: string;
      }[];
      expect(runs).toHaveLength(runsBefore.n + 1);
      expect(runs[0]).toEqual({ status: "failed", message: result.stderr.trim().slice(`ingest: ${file}: `.length) });
    },
  );

  it(
    "refuses a 60 MB feed on a 256 MB heap at once, saying how much memory it needs, instead of running out",
    { timeout: 120_000 },
    async () => {
      const file = write("big-for-small-heap.txt", syntheticFeed(40_000).text);
      const before = catalogOnlyDigest(cat.file);
      const result = await ingest(cat, file, 256);
      expect(result.stderr.trim()).toMatch(
        /^ingest: .*: the feed is too large for this process's memory: its \d+ MB would need about \d+ MB and \d+ MB is free \(split the feed, or run with NODE_OPTIONS=--max-old-space-size=\d+\)$/,
      );
      expect(result.status).toBe(1);
      expectBoundedMemory(result, 0); // refused before it is read
      expect(catalogOnlyDigest(cat.file)).toBe(before);
    },
  );
});

describe("npm run ingest on large valid feeds", () => {
  let cat: TempCatalog;
  beforeAll(() => {
    cat = createTempCatalog();
  });
  afterAll(() => cat.cleanup());
  const papers = () => (cat.db.prepare("SELECT count(*) AS n FROM Paper").get() as { n: number }).n;

  it("ingests a Hugging Face list written on one 5 MB line", { timeout: 120_000 }, async () => {
    const file = write("one-line.json", hfDailyJson(3_000, "2026-11-20", 7));
    expect(fs.statSync(file).size).toBeGreaterThan(5 * MB);
    const result = await ingest(cat, file);
    expect(result.stdout).toBe("added 3000, updated 0, unchanged 0, rejected 0\n");
    expect(result.status).toBe(0);
    expectBoundedMemory(result, fs.statSync(file).size);
    expect(papers()).toBe(3_000);
  });

  it("ingests a 60 MB trending page of 40,000 papers within a 1 GB heap", { timeout: 600_000 }, async () => {
    const file = write("big.txt", syntheticFeed(40_000).text);
    expect(fs.statSync(file).size).toBeGreaterThan(55_000_000);
    const result = await ingest(cat, file, 1024, 540_000);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("added 40000, updated 0, unchanged 0, rejected 0\n");
    expect(result.status).toBe(0);
    expectBoundedMemory(result, fs.statSync(file).size);
    expect(papers()).toBe(43_000);
  });
});
