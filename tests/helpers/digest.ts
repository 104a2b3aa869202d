// What a catalog file holds, as one hash, for "left exactly as it was" checks
// between processes: every table's rows (in rowid order) and the schema. Opened
// like any other connection, so a WAL left by a killed writer is recovered first,
// as the next real ingest would.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";

/** SHA-256 of the schema and every row of every table but `except`. */
export function catalogDigest(file: string, except: string[] = []): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    const hash = createHash("sha256");
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name",
      )
      .all()
      .filter((t) => !except.includes(t.name));
    for (const table of tables) {
      hash.update(`${table.sql}\n`);
      for (const row of db.prepare(`SELECT * FROM "${table.name}" ORDER BY rowid`).iterate()) {
        hash.update(`${JSON.stringify(row)}\n`);
      }
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

/** The catalog's tables without the ingest history, which records failed runs on purpose. */
export const catalogOnlyDigest = (file: string) => catalogDigest(file, ["IngestRun", "sqlite_sequence"]);

/** PRAGMA integrity_check's verdict: "ok", or the first problem found. */
export function integrity(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}
