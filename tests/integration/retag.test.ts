import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/sqlite";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { retagCatalog } from "@/lib/topics/store";
import { TAGGING_VERSION } from "@/lib/topics/tagger";
import { createTempCatalog, tempDir, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;
beforeEach(() => {
  cat = createTempCatalog();
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
});
afterEach(() => cat.cleanup());

const topicsOf = (title: string) =>
  cat.db
    .prepare("SELECT t.topic FROM PaperTopic t JOIN Paper p ON p.id = t.paperId WHERE p.title = ? ORDER BY t.position")
    .pluck()
    .all(title);

describe("tagging in the catalog", () => {
  it("stores one to four topics and the key phrases of every ingested paper, with the tagging version", () => {
    const rows = cat.db
      .prepare(
        "SELECT p.id, p.tagVersion, p.keyPhrases, count(t.topic) AS n FROM Paper p JOIN PaperTopic t ON t.paperId = p.id GROUP BY p.id",
      )
      .all() as { tagVersion: string; keyPhrases: string; n: number }[];
    expect(rows).toHaveLength(94);
    for (const r of rows) {
      expect(r.tagVersion).toBe(TAGGING_VERSION);
      expect(r.n).toBeGreaterThanOrEqual(1);
      expect(r.n).toBeLessThanOrEqual(4);
      expect(JSON.parse(r.keyPhrases).length).toBeGreaterThan(0);
    }
  });

  it("re-tags only papers tagged by another version, and marks those that changed as updated", () => {
    expect(retagCatalog(cat.db)).toEqual({ checked: 0, changed: 0 });
    // Pretend the taxonomy changed for two papers: wrong topics, an old version.
    cat.db.exec(`UPDATE PaperTopic SET topic = 'code' WHERE paperId IN (1, 2) AND position = 1`);
    cat.db.exec(`UPDATE Paper SET tagVersion = 'old' WHERE id IN (1, 2)`);
    const before = cat.db.prepare("SELECT id, updatedAt FROM Paper WHERE id IN (1, 2, 3) ORDER BY id").all() as {
      updatedAt: string;
    }[];
    expect(retagCatalog(cat.db)).toEqual({ checked: 2, changed: 2 });
    const after = cat.db.prepare("SELECT id, updatedAt FROM Paper WHERE id IN (1, 2, 3) ORDER BY id").all() as {
      updatedAt: string;
    }[];
    expect(after[0]!.updatedAt > before[0]!.updatedAt).toBe(true);
    expect(after[2]!.updatedAt).toBe(before[2]!.updatedAt);
    expect(topicsOf("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing")).toContain(
      "biomedical",
    );
  });

  it("re-tags everything with --all, changing nothing that is current", () => {
    expect(retagCatalog(cat.db, { all: true })).toEqual({ checked: 94, changed: 0 });
  });

  it("re-tags a paper whose abstract changed on ingest", () => {
    const file = path.join(cat.dir, "changed.txt");
    fs.writeFileSync(
      file,
      [
        "Mar 12",
        "Synthetic continued pretraining",
        `We study speech recognition and music with audio models. ${"More speech. ".repeat(5)}`,
      ].join("\n\n"),
    );
    ingestFeedFile(cat.db, file, { today: "2026-11-29" });
    expect(topicsOf("Synthetic continued pretraining")).toContain("audio-speech");
  });
});

describe("upgrading a catalog from before topics", () => {
  it("keeps every paper through the migration, and npm start's re-tag gives them topics", () => {
    const dir = tempDir();
    const migrations = path.join(dir, "migrations");
    fs.mkdirSync(migrations);
    const [first] = readMigrations();
    fs.cpSync(path.join("prisma/migrations", first!.name), path.join(migrations, first!.name), { recursive: true });
    const db = openDatabase(path.join(dir, "old.db"));
    applyMigrations(db, migrations);
    db.exec(`INSERT INTO Paper (key, slug, title, titleKey, sortTitle, abstract, firstFeedDate, lastFeedDate, lastRank, newestOn, updatedAt)
             VALUES ('title:speech', 'speech', 'Speech Models', 'speech models', 'speech models', 'We study speech and audio.', '2026-03-11', '2026-03-11', 1, '2026-03-11', '2026-03-11T00:00:00.000+00:00')`);
    expect(applyMigrations(db).applied).toEqual(
      readMigrations()
        .slice(1)
        .map((m) => m.name),
    );
    expect(db.prepare("SELECT title, tagVersion FROM Paper").all()).toEqual([
      { title: "Speech Models", tagVersion: null },
    ]);
    expect(retagCatalog(db)).toEqual({ checked: 1, changed: 1 });
    expect(db.prepare("SELECT topic FROM PaperTopic").pluck().all()).toEqual(["audio-speech"]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
