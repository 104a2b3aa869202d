// Applies the committed migrations in prisma/migrations to a SQLite file, without
// Prisma's native schema engine (which cannot be downloaded on offline machines).
//
// Bookkeeping is Prisma's own: the `_prisma_migrations` table with the engine's
// DDL, one row per migration with the SHA-256 of its migration.sql, so
// `prisma migrate status` and `prisma migrate deploy` agree with what ran here.
// Unlike Prisma, each migration runs inside one transaction: a failing migration
// leaves the database as it was and is simply still pending.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sqlTimestamp, type Db } from "@/lib/db/sqlite";

export const MIGRATIONS_DIR = path.resolve(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");

/** Prisma's DDL for its history table (SQLite flavour), verbatim. */
const HISTORY_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationReport = { applied: string[]; warnings: string[] };

/** The migrations in `dir`, oldest first (folder names start with a timestamp). */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

type HistoryRow = {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
};

/**
 * Applies every pending migration, each in its own IMMEDIATE transaction, so two
 * processes starting at once cannot both apply one. Idempotent. Throws (with
 * the database unchanged by the failing migration) when a migration fails or
 * when Prisma recorded a failed migration that needs `prisma migrate resolve`.
 */
export function applyMigrations(db: Db, dir: string = MIGRATIONS_DIR): MigrationReport {
  const migrations = readMigrations(dir);
  const report: MigrationReport = { applied: [], warnings: [] };
  db.exec(HISTORY_TABLE_DDL);

  const history = () =>
    db
      .prepare<[], HistoryRow>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
      .all();
  const rows = history();
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `migration ${failed.migration_name} failed earlier and was not resolved; see \`prisma migrate resolve\``,
    );
  }
  const known = new Set(migrations.map((m) => m.name));
  for (const row of rows) {
    if (row.rolled_back_at === null && !known.has(row.migration_name)) {
      report.warnings.push(
        `migration ${row.migration_name} is in the database but not in ${path.relative(process.cwd(), dir)}`,
      );
    }
  }

  // SQLite ignores `PRAGMA foreign_keys` inside a transaction, and table-redefining
  // migrations need it off; the check below restores what it would have guarded.
  db.pragma("foreign_keys = OFF");
  try {
    for (const migration of migrations) {
      const applied = db
        .transaction(() => {
          const done = db
            .prepare<[string], HistoryRow>(
              `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
             WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
            )
            .get(migration.name);
          if (done) {
            if (done.checksum !== migration.checksum) {
              report.warnings.push(`migration ${migration.name} was changed after it was applied`);
            }
            return false;
          }
          const startedAt = sqlTimestamp();
          try {
            db.exec(migration.sql);
          } catch (error) {
            throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
          }
          const violations = db.pragma("foreign_key_check") as unknown[];
          if (violations.length > 0) {
            throw new Error(`migration ${migration.name} failed: it leaves ${violations.length} broken foreign keys`);
          }
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          ).run(randomUUID(), migration.checksum, sqlTimestamp(), migration.name, startedAt);
          return true;
        })
        .immediate();
      if (applied) report.applied.push(migration.name);
    }
  } finally {
    db.pragma("foreign_keys = ON");
  }
  return report;
}
