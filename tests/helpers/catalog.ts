// Throwaway SQLite catalogs for integration tests: a fresh file in a temp folder
// with the committed migrations applied, removed after the test file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase, type Db } from "@/lib/db/sqlite";

export type TempCatalog = { dir: string; file: string; url: string; db: Db; cleanup: () => void };

export function tempDir(prefix = "papershelf-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function createTempCatalog(): TempCatalog {
  const dir = tempDir();
  const file = path.join(dir, "catalog.db");
  const db = openDatabase(file);
  applyMigrations(db);
  return {
    dir,
    file,
    url: `file:${file}`,
    db,
    cleanup: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything a user could see change in the catalog, for "left exactly as it was" checks. */
export function snapshot(db: Db) {
  return {
    papers: db.prepare("SELECT * FROM Paper ORDER BY id").all(),
    appearances: db.prepare("SELECT * FROM Appearance ORDER BY id").all(),
  };
}

/** Writes a feed file into `dir` and returns its path. */
export function writeFeed(dir: string, name: string, text: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A trending page in the text format with the given [title, abstract] pairs. */
export function textPage(papers: [string, string][], dateLine = "Mar 11"): string {
  return ["new", "Subscribe", dateLine, ...papers.flat()].join("\n\n") + "\n";
}

/** An abstract-like paragraph (long enough, ends like a sentence). */
export const abstractFor = (topic: string) =>
  `We study ${topic} in depth. ${"Our experiments show consistent gains across benchmarks and settings. ".repeat(6)}`.trim();
