// Opens the catalog's SQLite file with better-sqlite3 for the writers that need
// one synchronous transaction (migrations, ingest). WAL mode lets the running
// server keep reading while an ingest writes; the busy timeout makes concurrent
// writers wait instead of failing.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** Opens (creating the folder and file if needed) the SQLite database at `file`. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  return db;
}

/** A DateTime value as Prisma's SQLite adapter stores it ("2026-03-11T09:30:00.000+00:00"). */
export function sqlTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace("Z", "+00:00");
}
