// Backs up and restores the SQLite catalog file, for `npm run backup` and
// `npm run restore`. No console output and no process exits: the scripts print.
//
// A backup uses SQLite's online backup API (better-sqlite3's db.backup) in one
// step, so the whole copy is read in one read transaction: the catalog as of one
// moment. In WAL mode a reader blocks no writer, so the server and ingests go on
// meanwhile. (With the default of many small steps, SQLite has to restart the copy
// when another connection writes between two steps.) The copy is made beside its
// destination and renamed into place, so a backup file is complete or absent, and
// it is switched to a rollback journal so it is one self-contained file.
//
// A restore checks the backup (integrity_check, a Papershelf catalog whose
// migrations this version knows), brings a copy of it up to date with the
// pending migrations, and only then swaps it in: the current catalog is kept as
// <db>.before-restore-<time> (a hard link, so the catalog file never goes
// missing), stale -wal and -shm files are removed, and the copy is renamed over
// the catalog in one atomic step. It refuses while another process has the
// catalog open (SQLite cannot give it an exclusive lock) or a refresh holds its
// lock, unless forced.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { acquireLock } from "@/lib/lock";

/** A backup or restore that cannot go ahead; the message is one line a user can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** "2026-11-29T150405Z": a UTC time for file names (no colons, which some systems refuse). */
export function fileStamp(now: Date = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replaceAll(":", "");
}

/** The default backup of `dbFile`: backups/<name>-<time>.db beside it, e.g. data/backups/papershelf-2026-11-29T150405Z.db. */
export function defaultBackupFile(dbFile: string, now: Date = new Date()): string {
  const name = path.basename(dbFile).replace(/\.(db|sqlite3?)$/, "");
  return path.join(path.dirname(dbFile), "backups", `${name}-${fileStamp(now)}.db`);
}

export type BackupResult = { file: string; bytes: number; papers: number };

/** The page count a backup step is given to copy everything at once (SQLite's limit is 2^31 - 1). */
const ALL_PAGES = 0x7fffffff;

/**
 * Writes a consistent copy of the catalog at `dbFile` to `dest`, while other
 * connections keep working. Never overwrites: an existing `dest` is refused.
 * Throws BackupError for what the user can fix; `dest` is then not created.
 */
export async function backupCatalog(dbFile: string, dest: string): Promise<BackupResult> {
  if (!fs.existsSync(dbFile)) throw new BackupError(`there is no catalog at ${dbFile}`);
  if (fs.existsSync(dest)) throw new BackupError(`${dest} already exists; name another file`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  const source = new Database(dbFile, { fileMustExist: true, timeout: 10_000 });
  try {
    // The first step copies nothing and reports the size; the second copies every page in one read transaction.
    await source.backup(partial, { progress: () => ALL_PAGES });
    const papers = finishCopy(partial);
    linkNew(partial, dest);
    return { file: dest, bytes: fs.statSync(dest).size, papers };
  } finally {
    source.close();
    removeDatabaseFiles(partial);
  }
}

/** Makes the copy one self-contained file and checks it; returns its paper count. */
function finishCopy(file: string): number {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const verdict = copy.pragma("integrity_check", { simple: true });
    if (verdict !== "ok") throw new BackupError(`the copy failed its integrity check (${String(verdict)})`);
    return paperCount(copy);
  } finally {
    copy.close();
  }
}

function paperCount(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM Paper").get() as { n: number } | undefined)?.n ?? 0;
}

/** Gives `from` the name `to` only if `to` does not exist (atomically, with a hard link), then drops `from`. */
function linkNew(from: string, to: string) {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new BackupError(`${to} already exists; name another file`);
    throw error;
  }
  fs.rmSync(from);
}

/** Removes a database file and its -wal, -shm and -journal companions, if any. */
function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

export type RestoreOptions = {
  /** Restore even though another process has the catalog open or a refresh holds its lock. */
  force?: boolean;
  /** For the name of the kept catalog. */
  now?: Date;
  /** The migrations this version has; prisma/migrations by default. */
  migrationsDir?: string;
};

export type RestoreResult = {
  papers: number;
  /** Where the catalog that was replaced is kept; null when there was none. */
  previous: string | null;
  /** Migrations applied to the backup, which came from an older version. */
  applied: string[];
  /** True when --force went ahead although another process had the catalog open: it must be restarted. */
  wasInUse: boolean;
};

const SQLITE_HEADER = "SQLite format 3\u0000";

/**
 * Replaces the catalog at `dbFile` with the backup at `backupFile` (see the module
 * comment). Throws BackupError, with the catalog untouched, when the backup is not
 * a sound Papershelf catalog or the catalog is in use (unless `force`).
 */
export function restoreCatalog(dbFile: string, backupFile: string, options: RestoreOptions = {}): RestoreResult {
  checkHeader(backupFile);
  if (fs.existsSync(dbFile) && fs.realpathSync(backupFile) === fs.realpathSync(dbFile)) {
    throw new BackupError(`${backupFile} is the catalog itself`);
  }
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });

  const lock = acquireLock(`${dbFile}.refresh.lock`);
  if ("heldBy" in lock && !options.force) {
    throw new BackupError(`a refresh is running (pid ${lock.heldBy}); wait for it to finish, or use --force`);
  }
  // Prepared beside the catalog, so the final rename stays on one file system.
  const incoming = `${dbFile}.restoring-${process.pid}`;
  removeDatabaseFiles(incoming);
  try {
    fs.copyFileSync(backupFile, incoming);
    // A backup taken by copying a live catalog may keep its newest pages in the -wal beside it.
    if (fs.existsSync(`${backupFile}-wal`)) fs.copyFileSync(`${backupFile}-wal`, `${incoming}-wal`);
    const { papers, applied } = prepareIncoming(incoming, backupFile, options.migrationsDir ?? MIGRATIONS_DIR);
    const wasInUse = fs.existsSync(dbFile) ? quiesce(dbFile, options.force ?? false) : false;

    let previous: string | null = null;
    if (fs.existsSync(dbFile)) {
      previous = `${dbFile}.before-restore-${fileStamp(options.now)}`;
      fs.linkSync(dbFile, previous);
      // Only after --force can a -wal still hold pages another process wrote; keep them with the old catalog.
      if (fs.existsSync(`${dbFile}-wal`)) fs.linkSync(`${dbFile}-wal`, `${previous}-wal`);
    }
    fs.rmSync(`${dbFile}-wal`, { force: true });
    fs.rmSync(`${dbFile}-shm`, { force: true });
    fs.renameSync(incoming, dbFile);
    return { papers, previous, applied, wasInUse };
  } finally {
    removeDatabaseFiles(incoming);
    if ("release" in lock) lock.release();
  }
}

/** Refuses at once, by its first bytes, a file that is not a SQLite database. */
function checkHeader(file: string) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new BackupError(`${file} is not a file`);
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString("latin1") !== SQLITE_HEADER) {
    throw new BackupError(`${file} is not a SQLite database, so not a Papershelf backup`);
  }
}

type MigrationRow = { migration_name: string; finished_at: string | null; rolled_back_at: string | null };

/** Checks the copy of the backup and applies the migrations it lacks. Returns its papers and those migrations. */
function prepareIncoming(file: string, shownAs: string, migrationsDir: string): { papers: number; applied: string[] } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const verdict = db.pragma("integrity_check", { simple: true });
    if (verdict !== "ok") throw new BackupError(`${shownAs} is damaged (integrity check: ${String(verdict)})`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (!tables.has("_prisma_migrations") || !tables.has("Paper")) {
      throw new BackupError(
        `${shownAs} is a SQLite database but not a Papershelf catalog (it has no migrations table)`,
      );
    }
    const known = new Set(readMigrations(migrationsDir).map((m) => m.name));
    const rows = db
      .prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations")
      .all() as MigrationRow[];
    const unknown = rows.find((r) => r.rolled_back_at === null && !known.has(r.migration_name));
    if (unknown) {
      throw new BackupError(
        `${shownAs} comes from a newer Papershelf (migration ${unknown.migration_name} is not in this version); upgrade first`,
      );
    }
    const { applied } = applyMigrations(db, migrationsDir);
    db.pragma("journal_mode = WAL");
    return { papers: paperCount(db), applied };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // "file is not a database", "database disk image is malformed", a failing migration.
    throw new BackupError(`${shownAs} cannot be restored: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    db?.close();
  }
}

/**
 * Makes sure no other process uses the catalog, and folds its -wal into the main
 * file so the copy kept aside is complete. Returns whether it was in use (only
 * possible with `force`); throws BackupError if it is and `force` is not set.
 */
function quiesce(dbFile: string, force: boolean): boolean {
  const db = new Database(dbFile, { fileMustExist: true, timeout: 0 });
  try {
    // In WAL mode every open connection holds a shared lock on the file, idle or not, so an
    // exclusive lock is only granted when this is the one connection: no server, ingest or refresh.
    db.pragma("locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE; COMMIT");
    } catch (error) {
      // A catalog SQLite cannot read at all is what a restore is for: keep it aside as it is.
      if ((error as { code?: string }).code !== "SQLITE_BUSY") return false;
      if (!force) {
        throw new BackupError(
          "the catalog is open in another process (a running server, ingest or refresh); stop it first, or use --force",
        );
      }
      return true;
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
    return false;
  } finally {
    db.close();
  }
}
