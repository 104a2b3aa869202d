import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FeedError } from "@/lib/feed/errors";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { rejectionLine, summaryLine } from "@/lib/ingest";
import {
  abstractFor,
  createTempCatalog,
  snapshot,
  textPage,
  writeFeed,
  type TempCatalog,
} from "@/tests/helpers/catalog";

const TODAY = "2026-11-29";
let cat: TempCatalog;
beforeEach(() => (cat = createTempCatalog()));
afterEach(() => cat.cleanup());

const ingest = (file: string, date?: string) => ingestFeedFile(cat.db, file, { today: TODAY, date });
const counts = (s: ReturnType<typeof ingest>) => summaryLine(s);
const paper = (title: string) =>
  cat.db.prepare("SELECT * FROM Paper WHERE title = ?").get(title) as Record<string, unknown>;
const appearances = (id: unknown) =>
  cat.db.prepare("SELECT feedDate, rank FROM Appearance WHERE paperId = ? ORDER BY feedDate").all(id);
const runs = () =>
  cat.db.prepare("SELECT status, added, updated, unchanged, rejected, message FROM IngestRun ORDER BY id").all();

describe("ingesting the bundled sample", () => {
  it("adds all 94 papers, each with one appearance on its feed day and rank", () => {
    expect(counts(ingest(SAMPLE_FEED))).toBe("added 94, updated 0, unchanged 0, rejected 0");
    expect(cat.db.prepare("SELECT count(*) FROM Paper").pluck().get()).toBe(94);
    const first = paper("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing");
    expect(first).toMatchObject({
      lastFeedDate: "2026-03-11",
      lastRank: 1,
      firstFeedDate: "2026-03-11",
      newestOn: "2026-03-11",
    });
    expect(appearances(first.id)).toEqual([{ feedDate: "2026-03-11", rank: 1 }]);
  });

  it("changes nothing and reports everything unchanged when the same feed is ingested again", () => {
    ingest(SAMPLE_FEED);
    const before = snapshot(cat.db);
    expect(counts(ingest(SAMPLE_FEED))).toBe("added 0, updated 0, unchanged 94, rejected 0");
    expect(snapshot(cat.db)).toEqual(before);
  });

  it("gives a known paper seen on a new day a new appearance, never a duplicate paper", () => {
    ingest(SAMPLE_FEED);
    expect(counts(ingest(SAMPLE_FEED, "2026-03-12"))).toBe("added 0, updated 94, unchanged 0, rejected 0");
    expect(cat.db.prepare("SELECT count(*) FROM Paper").pluck().get()).toBe(94);
    const mates = paper("MATES: Model-Aware Data Selection for Efficient Pretraining with Data Influence Models");
    expect(appearances(mates.id)).toEqual([
      { feedDate: "2026-03-11", rank: 8 },
      { feedDate: "2026-03-12", rank: 8 },
    ]);
    expect(mates).toMatchObject({ firstFeedDate: "2026-03-11", lastFeedDate: "2026-03-12" });
  });

  it("extracts links and marks papers that link to code", () => {
    ingest(SAMPLE_FEED);
    const mates = paper("MATES: Model-Aware Data Selection for Efficient Pretraining with Data Influence Models");
    expect(mates.hasCode).toBe(1);
    expect(JSON.parse(String(mates.links))).toEqual([
      { url: "https://github.com/cxcscmu/MATES", kind: "code", label: "github.com/cxcscmu/MATES" },
    ]);
    const dolma = paper("Dolma: an Open Corpus of Three Trillion Tokens for Language Model Pretraining Research");
    expect(dolma.hasCode).toBe(0);
  });
});

describe("ingesting changes", () => {
  it("updates a known paper whose abstract changed, keeping its slug", () => {
    const v1 = writeFeed(cat.dir, "v1.txt", textPage([["Sparse Experts at Scale", abstractFor("experts")]]));
    const v2 = writeFeed(
      cat.dir,
      "v2.txt",
      textPage([["Sparse experts at scale!", abstractFor("experts") + " Code: https://github.com/a/b."]]),
    );
    ingest(v1);
    const before = paper("Sparse Experts at Scale");
    expect(counts(ingest(v2))).toBe("added 0, updated 1, unchanged 0, rejected 0");
    const after = paper("Sparse experts at scale!");
    expect(after).toMatchObject({ id: before.id, slug: before.slug, hasCode: 1 });
    expect(String(after.abstract).endsWith("https://github.com/a/b.")).toBe(true);
    expect(String(after.updatedAt) > String(before.updatedAt)).toBe(true);
  });

  it("treats titles that differ only in case or punctuation as one paper", () => {
    ingest(writeFeed(cat.dir, "a.txt", textPage([["MATES: Model-Aware Data Selection", abstractFor("data")]])));
    ingest(
      writeFeed(cat.dir, "b.txt", textPage([["mates — model aware data selection", abstractFor("data")]])),
      "2026-03-12",
    );
    expect(cat.db.prepare("SELECT count(*) FROM Paper").pluck().get()).toBe(1);
  });

  it("gives papers with clashing slugs distinct slugs", () => {
    ingest(
      writeFeed(
        cat.dir,
        "a.txt",
        textPage([
          ["Data: Selection", abstractFor("a")],
          ["Data Selection 🚀", abstractFor("b")],
        ]),
      ),
    );
    // Both fold to the same title, so they are one paper; a different title with the same slug base gets a suffix.
    ingest(writeFeed(cat.dir, "b.txt", textPage([["Data Sélection", abstractFor("c")]])));
    const slugs = cat.db.prepare("SELECT slug FROM Paper ORDER BY id").pluck().all();
    expect(slugs).toEqual(["data-selection", "data-selection-2"]);
  });

  it("ingests the good entries of a feed and reports each bad one with its reason", () => {
    const page = [
      "new",
      "Mar 11",
      "Good Paper One",
      abstractFor("one"),
      "Title Without Abstract",
      "Good Paper Two",
      abstractFor("two"),
    ];
    const summary = ingest(writeFeed(cat.dir, "mixed.txt", page.join("\n\n")));
    expect(counts(summary)).toBe("added 2, updated 0, unchanged 0, rejected 1");
    expect(summary.rejections.map(rejectionLine)).toEqual([
      'rejected entry 2 (line 9) "Title Without Abstract": has no abstract',
    ]);
    expect(cat.db.prepare("SELECT title FROM Paper ORDER BY id").pluck().all()).toEqual([
      "Good Paper One",
      "Good Paper Two",
    ]);
    expect(runs()).toEqual([{ status: "succeeded", added: 2, updated: 0, unchanged: 0, rejected: 1, message: null }]);
  });
});

describe("ingest failures leave the catalog exactly as it was", () => {
  beforeEach(() => ingest(SAMPLE_FEED));

  it.each([
    ["a missing file", () => "/nonexistent/feed.txt", /no such file/],
    ["a directory", () => cat.dir, /directory/],
    ["a binary file", () => writeFeed(cat.dir, "x.bin", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), /binary/],
    ["an empty file", () => writeFeed(cat.dir, "empty.txt", ""), /empty/],
    ["a header-only page", () => writeFeed(cat.dir, "h.txt", "new\n\nSubscribe\n\nMar 11\n"), /no papers/],
    [
      "a feed with no valid entry",
      () => writeFeed(cat.dir, "bad.txt", textPage([["Only A Title", "Another Title"]])),
      /no valid paper/,
    ],
  ])("for %s", (_, file, reason) => {
    const before = snapshot(cat.db);
    expect(() => ingest(file())).toThrow(FeedError);
    expect(() => ingest(file())).toThrow(reason);
    expect(snapshot(cat.db)).toEqual(before);
    expect(runs().at(-1)).toMatchObject({ status: "failed", added: 0, message: expect.stringMatching(reason) });
  });

  // Root can read any file, so this one only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)("for an unreadable file", () => {
    const file = writeFeed(cat.dir, "locked.txt", textPage([["T", abstractFor("t")]]));
    fs.chmodSync(file, 0o000);
    expect(() => ingest(file)).toThrow(/permission denied/);
  });

  it("when the database fails halfway through writing", () => {
    // A trigger that fails on the 50th new paper stands in for a crash, a full disk or a bug mid-ingest.
    cat.db.exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON Paper WHEN (SELECT count(*) FROM Paper) >= 94 + 49
                 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const papers = Array.from(
      { length: 80 },
      (_, i) => [`Fresh Paper ${i}`, abstractFor(`topic ${i}`)] as [string, string],
    );
    const before = snapshot(cat.db);
    expect(() => ingest(writeFeed(cat.dir, "big.txt", textPage(papers)))).toThrow(/disk on fire/);
    expect(snapshot(cat.db)).toEqual(before);
  });
});
