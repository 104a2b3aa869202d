// Catalogs for the server tests: a temp folder holding a migrated SQLite file
// with the bundled sample plus a synthetic day of papers, and room for feeds
// and the secret the server generates beside the file. cleanup() removes it all.
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/sqlite";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { tempDir, writeFeed } from "@/tests/helpers/catalog";

export type ServerCatalog = { dir: string; dbFile: string; cleanup: () => void };

/** The sample (94 papers, Mar 11) and `synthetic` generated papers trending on `syntheticDate`. */
export function createServerCatalog({ synthetic = 3000, syntheticDate = "2026-11-20", seed = 7 } = {}): ServerCatalog {
  const dir = tempDir("papershelf-server-");
  const dbFile = path.join(dir, "catalog.db");
  const db = openDatabase(dbFile);
  try {
    applyMigrations(db);
    ingestFeedFile(db, SAMPLE_FEED, { today: "2026-11-29" });
    if (synthetic > 0) {
      const feed = writeFeed(dir, "base.txt", syntheticFeed(synthetic, seed).text);
      ingestFeedFile(db, feed, { date: syntheticDate });
    }
  } finally {
    db.close();
  }
  return { dir, dbFile, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
