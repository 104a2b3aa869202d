import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_FEED } from "@/lib/ingest-file";
import {
  abstractFor,
  createTempCatalog,
  snapshot,
  textPage,
  writeFeed,
  type TempCatalog,
} from "@/tests/helpers/catalog";
import { runScript } from "@/tests/helpers/run";

let cat: TempCatalog;
beforeAll(() => (cat = createTempCatalog()));
afterAll(() => cat.cleanup());

const ingest = (...args: string[]) => runScript("scripts/ingest.ts", args, { DATABASE_URL: cat.url });

describe("npm run ingest", () => {
  it("prints one summary line and exits 0", () => {
    const result = ingest(SAMPLE_FEED);
    expect(result.stdout).toBe("added 94, updated 0, unchanged 0, rejected 0\n");
    expect(result.status).toBe(0);
  });

  it("reports each rejected entry on its own line after the summary", () => {
    const page = ["Trending", "Mar 11", "Orphan Title", "Kept Paper", abstractFor("kept"), "Last Title Alone"].join(
      "\n\n",
    );
    const result = ingest(writeFeed(cat.dir, "mixed.txt", page), "--date", "2026-03-01");
    expect(result.stdout.split("\n")).toEqual([
      "added 1, updated 0, unchanged 0, rejected 2",
      'rejected entry 1 (line 5) "Orphan Title": has no abstract',
      'rejected entry 3 (line 11) "Last Title Alone": has no abstract',
      "",
    ]);
    expect(result.status).toBe(0);
  });

  it.each([
    ["a missing file", () => ["/nonexistent/feed.txt"], "ingest: /nonexistent/feed.txt: no such file"],
    [
      "a binary file",
      () => [writeFeed(cat.dir, "img.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))],
      /binary/,
    ],
    [
      "a page with no valid entry",
      () => [writeFeed(cat.dir, "titles.txt", textPage([["A Title", "B Title"]]))],
      /no valid paper/,
    ],
  ])("exits 1 with a one-line reason and no stack trace for %s, changing nothing", (_, args, message) => {
    const before = snapshot(cat.db);
    const result = ingest(...args());
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .*\(|Error:/);
    expect(snapshot(cat.db)).toEqual(before);
  });

  it.each([
    [["--date", "2026-02-30", SAMPLE_FEED], /--date "2026-02-30" is not a real day/],
    [["--date", "11/03/2026", SAMPLE_FEED], /not a real day in the form YYYY-MM-DD/],
    [["--date", "2999-01-01", SAMPLE_FEED], /--date 2999-01-01 is in the future/],
    [[], /expected one feed file or URL \(npm run ingest -- --help\)/],
    [["a.txt", "b.txt"], /expected one feed file/],
    [["--bogus", SAMPLE_FEED], /Unknown option '--bogus'/],
    [["--format", "pdf", SAMPLE_FEED], /--format must be one of text, hf, arxiv/],
    [["--source", "hf"], /--source hf needs one of --date, --week or --month/],
    [["--source", "hf", "--week", "2026-W60"], /--week "2026-W60" is not a real week/],
    [["--source", "hf", "--month", "2999-01"], /--month 2999-01 is in the future/],
    [["--source", "arxiv"], /--source arxiv needs --query/],
    [["--source", "arxiv", "--query", "cat:cs.CL", "--max", "5000"], /--max must be a whole number from 1 to 2000/],
    [["--source", "rss", "--date", "2026-11-01"], /--source must be hf or arxiv/],
    [["--query", "cat:cs.CL", SAMPLE_FEED], /--query needs --source/],
    [["--source", "hf", "--date", "2026-11-01", SAMPLE_FEED], /either a file or URL, or --source, not both/],
  ])("exits 2 on bad arguments %j", (args, message) => {
    const before = snapshot(cat.db);
    const result = ingest(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(snapshot(cat.db)).toEqual(before);
  });
});

describe("the ingest progress bar", () => {
  const bigFeed = () =>
    writeFeed(
      cat.dir,
      "big.txt",
      textPage(
        Array.from(
          { length: 1200 },
          (_, i) => [`Generated Paper Number ${i}`, abstractFor(`subject ${i}`)] as [string, string],
        ),
      ),
    );

  /** Runs the ingest under a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
  const inTerminal = (file: string) =>
    spawnSync("script", ["-qec", `npx tsx scripts/ingest.ts ${file} --date 2026-02-01`, "/dev/null"], {
      env: { ...process.env, DATABASE_URL: cat.url, CI: "" },
      encoding: "utf8",
      timeout: 120_000,
    }).stdout;

  it("shows on a terminal for a feed of more than 1,000 entries", () => {
    const out = inTerminal(bigFeed());
    expect(out).toMatch(/ingest \[.*\] \d+% \| \d+\/1200 papers/);
    expect(out).toContain("added 1200, updated 0, unchanged 0, rejected 0");
  });

  it("stays away from small feeds and from output that is not a terminal", () => {
    expect(inTerminal(SAMPLE_FEED)).not.toMatch(/papers\s*$|\| \d+\/\d+ papers/m);
    const piped = ingest(bigFeed(), "--date", "2026-02-02");
    expect(piped.stderr).toBe("");
    expect(piped.stdout).toBe("added 0, updated 1200, unchanged 0, rejected 0\n");
  });
});
