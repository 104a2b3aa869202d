// Small helpers every command-line script shares: one-line failures without stack
// traces, options parsed the same way (with --help), day arguments checked the
// same way, and opening the catalog with its migrations applied.
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { localDay, parseIsoDay } from "@/lib/feed/dates";
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

/**
 * Parses the command line. A parse error exits 2 with the parser's message and
 * `hint`; `--help` (which `config` must declare) prints `usage` and exits 0.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  command: string,
  usage: string,
  config: T,
  hint = usage,
): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return fail(command, `${(error as Error).message} (${hint})`, EXIT.usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(EXIT.ok);
  }
  return parsed;
}

/** A `--flag YYYY-MM-DD` value that is a real day and not in the future, or exit 2 saying which it is not. */
export function pastDay(command: string, flag: string, value: string): string {
  if (!parseIsoDay(value)) fail(command, `--${flag} "${value}" is not a real day in the form YYYY-MM-DD`, EXIT.usage);
  if (value > localDay()) fail(command, `--${flag} ${value} is in the future`, EXIT.usage);
  return value;
}

/** Opens DATABASE_URL's catalog and applies pending migrations, reporting what it did on stderr. */
export function openCatalog(): Db {
  const db = openDatabase(databaseFile());
  const report = applyMigrations(db);
  for (const name of report.applied) process.stderr.write(`applied migration ${name}\n`);
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  return db;
}

/** A path as users type it: relative to the working directory when it is inside it, else absolute. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
