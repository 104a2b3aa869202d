// The saved search index: a restart loads it instead of re-indexing the catalog,
// catches up with what changed while the server was down, survives a damaged
// file, and folds new papers into it once enough have arrived.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findPapers } from "@/lib/catalog";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { forgetSearchState, getSearchState, indexFile } from "@/lib/search/service";
import { COMPACT_AT, paperCount } from "@/lib/search/state";
import { abstractFor, createTempCatalog, textPage, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;
beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
});
afterAll(() => {
  forgetSearchState();
  cat.cleanup();
});

const titlesFor = async (q: string) =>
  (await findPapers({ q, topics: [], sort: "relevance", page: 1, limit: 20 })).items.map((p) => p.title);

/** Starts "a new server process": nothing in memory, whatever is on disk. */
async function restart() {
  forgetSearchState();
  return getSearchState();
}

describe("the saved search index", () => {
  it("is written on first use and loaded on the next start instead of re-indexing the catalog", async () => {
    const first = await restart();
    expect(fs.existsSync(indexFile())).toBe(true);
    expect(paperCount(first)).toBe(94);
    const written = fs.statSync(indexFile()).mtimeMs;

    const second = await restart();
    expect(second.index.segment?.aliveCount).toBe(94);
    expect(second.index.delta.documentCount).toBe(0); // nothing re-indexed
    expect(fs.statSync(indexFile()).mtimeMs).toBe(written);
    expect(await titlesFor("MATES")).toEqual([expect.stringMatching(/^MATES:/)]);
  });

  it("catches up with papers ingested and changed while the server was stopped", async () => {
    await restart();
    forgetSearchState();
    // Papers updated at the very moment of the last sync are read again (a concurrent ingest may share it).
    const atSyncPoint = cat.db
      .prepare("SELECT count(*) AS n FROM Paper WHERE updatedAt = (SELECT max(updatedAt) FROM Paper)")
      .get() as { n: number };
    ingestFeedFile(
      cat.db,
      writeFeed(cat.dir, "down.txt", textPage([["Quokkaformer: Marsupial Attention", abstractFor("quokkas")]])),
      { date: "2026-03-13" },
    );
    const state = await getSearchState();
    expect(state.index.delta.documentCount).toBe(1 + atSyncPoint.n); // the new paper, not the catalog
    expect(await titlesFor("quokka")).toEqual(["Quokkaformer: Marsupial Attention"]);
  });

  it("drops papers deleted from the catalog without rebuilding", async () => {
    await restart();
    const id = (cat.db.prepare("SELECT id FROM Paper WHERE title LIKE 'Quokkaformer%'").get() as { id: number }).id;
    cat.db.prepare("DELETE FROM Appearance WHERE paperId = ?").run(id);
    cat.db.prepare("DELETE FROM PaperTopic WHERE paperId = ?").run(id);
    cat.db.prepare("DELETE FROM Paper WHERE id = ?").run(id);
    forgetSearchState();
    const state = await getSearchState();
    expect(paperCount(state)).toBe(94);
    expect(await titlesFor("quokka")).toEqual([]);
  });

  it("is rebuilt from the catalog, with a message, when the file is damaged", async () => {
    forgetSearchState();
    fs.writeFileSync(indexFile(), "PSIX garbage that is not an index");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const state = await getSearchState();
      expect(paperCount(state)).toBe(94);
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(/ignoring the saved search index/));
    } finally {
      errors.mockRestore();
    }
    expect(await titlesFor("MATES")).toEqual([expect.stringMatching(/^MATES:/)]);
    expect(fs.readFileSync(indexFile()).subarray(0, 4).toString()).toBe("PSIX");
    expect((await restart()).index.delta.documentCount).toBe(0); // the rebuilt file loads
  });

  it(`folds new papers into the saved segment once ${COMPACT_AT} have arrived`, async () => {
    await restart();
    const papers = Array.from(
      { length: COMPACT_AT },
      (_, i) => [`Batch Paper ${i}: Numbat Study ${i}`, abstractFor(`numbats ${i}`)] as [string, string],
    );
    ingestFeedFile(cat.db, writeFeed(cat.dir, "batch.txt", textPage(papers)), { date: "2026-03-14" });
    forgetSearchState();
    const state = await getSearchState();
    expect(state.index.delta.documentCount).toBe(0);
    expect(state.index.segment?.aliveCount).toBe(94 + COMPACT_AT);
    expect((await titlesFor("Numbat Study 1234"))[0]).toBe("Batch Paper 1234: Numbat Study 1234");
    expect((await restart()).index.segment?.aliveCount).toBe(94 + COMPACT_AT);
  });
});
