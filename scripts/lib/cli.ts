// Small helpers every command-line script shares: one-line failures without stack
// traces, and opening the catalog with its migrations applied.
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase, type Db } from "@/lib/db/sqlite";
import { databaseFile } from "@/lib/db/url";

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Prints "<command>: <message>" on stderr and exits. Set PAPERSHELF_DEBUG=1 to see the stack as well. */
export function fail(command: string, error: unknown, code: number = EXIT.failed): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${command}: ${message.split("\n")[0]}\n`);
  if (process.env.PAPERSHELF_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(code);
}

/** Opens DATABASE_URL's catalog and applies pending migrations, reporting what it did on stderr. */
export function openCatalog(): Db {
  const db = openDatabase(databaseFile());
  const report = applyMigrations(db);
  for (const name of report.applied) process.stderr.write(`applied migration ${name}\n`);
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  return db;
}
