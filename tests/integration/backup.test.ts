// `npm run backup` and `npm run restore`, and the consistency of a backup taken
// while another process keeps writing (lib/db/backup.ts).
import fs from "node:fs";
import path from "node:path";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupCatalog } from "@/lib/db/backup";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/sqlite";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";
import { abstractFor, tempDir, textPage, writeFeed } from "@/tests/helpers/catalog";
import { finished, startScript } from "@/tests/helpers/child";
import { catalogDigest, integrity } from "@/tests/helpers/digest";

let dir: string;
let file: string;
beforeEach(() => {
  dir = tempDir("papershelf-backup-");
  file = path.join(dir, "catalog.db");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A catalog file holding the sample feed (and `extra` papers), with no connection left open. */
function makeCatalog(extra = 0) {
  const db = openDatabase(file);
  try {
    applyMigrations(db);
    ingestFeedFile(db, SAMPLE_FEED);
    if (extra) ingestFeedFile(db, writeFeed(dir, "extra.txt", syntheticFeed(extra).text), { date: "2026-03-12" });
  } finally {
    db.close();
  }
}

const run = (script: string, args: string[]) =>
  finished(startScript(script, args, { env: { DATABASE_URL: `file:${file}` } }));

/** Starts tests/helpers/db-client.ts on the catalog and resolves once it says it is ready. */
async function client(mode: "write" | "idle"): Promise<ChildProcessWithoutNullStreams> {
  const child = startScript("tests/helpers/db-client.ts", [file, mode]);
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => chunk.includes("ready") && resolve());
    child.once("exit", () => reject(new Error(`the ${mode} client ended early`)));
  });
  return child;
}

async function stop(child: ChildProcessWithoutNullStreams) {
  const exit = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exit;
}

const papers = (db: string) => {
  const conn = new Database(db, { fileMustExist: true });
  try {
    return (conn.prepare("SELECT count(*) AS n FROM Paper").get() as { n: number }).n;
  } finally {
    conn.close();
  }
};

describe("backupCatalog", () => {
  it("copies the catalog as of one moment while another process keeps committing", { timeout: 180_000 }, async () => {
    makeCatalog(3_000);
    const live = new Database(file);
    live.exec("CREATE TABLE Tick (k INTEGER NOT NULL); INSERT INTO Tick VALUES (0); UPDATE Paper SET lastRank = 0");
    const tick = (db: Database.Database) => db.prepare("SELECT k FROM Tick").pluck().get() as number;
    const writer = await client("write");
    try {
      // Wait until every paper has been rewritten at least once, so a torn copy cannot look whole.
      await new Promise<void>((resolve) => {
        const check = () => (tick(live) >= 14 ? resolve() : setTimeout(check, 5));
        check();
      });
      const before = tick(live);
      const backup = await backupCatalog(file, path.join(dir, "backups", "copy.db"));
      const after = tick(live);
      expect(after, "the writer committed while the backup ran").toBeGreaterThan(before);

      expect(integrity(backup.file)).toBe("ok");
      const copy = new Database(backup.file, { readonly: true });
      const k = tick(copy);
      expect(k).toBeGreaterThanOrEqual(before);
      expect(k).toBeLessThanOrEqual(after);
      // The catalog at tick k: each paper's lastRank is the last k' <= k with k' = id (mod 7).
      const atTick = (id: number) => k - ((((k - id) % 7) + 7) % 7);
      const copied = copy.prepare("SELECT * FROM Paper ORDER BY id").all() as { id: number; lastRank: number }[];
      const current = live.prepare("SELECT * FROM Paper ORDER BY id").all() as { id: number; lastRank: number }[];
      expect(copied).toHaveLength(3_094);
      expect(copied).toEqual(current.map((row) => ({ ...row, lastRank: atTick(row.id) })));
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      copy.close();
    } finally {
      await stop(writer);
      live.close();
    }
    expect(catalogDigest(path.join(dir, "backups", "copy.db"), ["Paper", "Tick"])).toBe(
      catalogDigest(file, ["Paper", "Tick"]),
    );
  });
});

describe("npm run backup", () => {
  it("writes a timestamped copy under backups/ beside the catalog and prints its path, size and papers", async () => {
    makeCatalog();
    const result = await run("scripts/backup.ts", []);
    expect(result.stderr).toBe("");
    const [, written, size] =
      /^backed up .*catalog\.db to (.*backups\/catalog-\d{4}-\d\d-\d\dT\d{6}Z\.db) \((\d+ kB|\d+ MB), 94 papers\)\n$/.exec(
        result.stdout,
      ) ?? [];
    expect(written, result.stdout).toBeDefined();
    expect(result.status).toBe(0);
    expect(fs.statSync(written!).size).toBeGreaterThan(100 * 1024);
    expect(size).toMatch(/B$/);
    expect(integrity(written!)).toBe("ok");
    expect(catalogDigest(written!)).toBe(catalogDigest(file));
  });

  it("never overwrites an existing file", async () => {
    makeCatalog();
    const taken = writeFeed(dir, "taken.db", "precious");
    const result = await run("scripts/backup.ts", [taken]);
    expect(result.stderr).toBe(`backup: ${taken} already exists; name another file\n`);
    expect(result.status).toBe(1);
    expect(fs.readFileSync(taken, "utf8")).toBe("precious");
  });

  it("says so when there is no catalog to back up", async () => {
    const result = await run("scripts/backup.ts", [path.join(dir, "copy.db")]);
    expect(result.stderr).toBe(`backup: there is no catalog at ${file}\n`);
    expect(result.status).toBe(1);
    expect(fs.existsSync(path.join(dir, "copy.db"))).toBe(false);
  });
});

describe("npm run restore", () => {
  /** The catalog's files besides itself: what a restore left behind. */
  const leftovers = () => fs.readdirSync(dir).filter((name) => name.startsWith("catalog.db") && name !== "catalog.db");

  it("brings back the backed-up catalog and keeps the replaced one aside", async () => {
    makeCatalog();
    const backup = path.join(dir, "saved.db");
    await backupCatalog(file, backup);
    const saved = catalogDigest(backup);
    const db = openDatabase(file);
    ingestFeedFile(db, writeFeed(dir, "later.txt", textPage([["A Later Paper", abstractFor("later work")]])));
    db.close();
    const changed = catalogDigest(file);

    const result = await run("scripts/restore.ts", [backup]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(
      /^restored .*catalog\.db from .*saved\.db \(94 papers\); the previous catalog is kept as .*catalog\.db\.before-restore-\d{4}-\d\d-\d\dT\d{6}Z\n$/,
    );
    expect(result.status).toBe(0);
    expect(catalogDigest(file)).toBe(saved);
    expect(integrity(file)).toBe("ok");
    const kept = leftovers().filter((name) => name.includes(".before-restore-"));
    expect(kept).toHaveLength(1);
    expect(catalogDigest(path.join(dir, kept[0]!))).toBe(changed);
    expect(papers(path.join(dir, kept[0]!))).toBe(95);
    // The restored catalog is the live one again: an ingest goes on from it.
    const again = await run("scripts/ingest.ts", [SAMPLE_FEED]);
    expect(again.stdout).toBe("added 0, updated 0, unchanged 94, rejected 0\n");
  });

  it.each([
    [
      "a file that is not a database",
      () => writeFeed(dir, "garbage.db", "this is not a database\n".repeat(500)),
      /^restore: .*garbage\.db is not a SQLite database, so not a Papershelf backup$/,
    ],
    ["an empty file", () => writeFeed(dir, "empty.db", ""), /is not a SQLite database, so not a Papershelf backup$/],
    [
      "a SQLite database that is not a catalog",
      () => {
        const other = new Database(path.join(dir, "other.db"));
        other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello')");
        other.close();
        return path.join(dir, "other.db");
      },
      /other\.db is a SQLite database but not a Papershelf catalog \(it has no migrations table\)$/,
    ],
    [
      "a damaged backup",
      () => {
        const damaged = path.join(dir, "damaged.db");
        fs.copyFileSync(file, damaged);
        const bytes = fs.readFileSync(damaged);
        bytes.fill(0xa5, 8 * 4096, 40 * 4096); // pages in the middle of the tables and indexes
        fs.writeFileSync(damaged, bytes);
        return damaged;
      },
      /damaged\.db (is damaged \(integrity check: .*\)|cannot be restored: .*)$/,
    ],
    ["a missing file", () => path.join(dir, "missing.db"), /missing\.db: no such file$/],
  ])("refuses %s with one line and leaves the catalog untouched", async (_, backup, message) => {
    makeCatalog();
    const db = new Database(file);
    db.pragma("wal_checkpoint(TRUNCATE)"); // so the damaged copy above is the whole catalog
    db.close();
    const before = catalogDigest(file);
    const result = await run("scripts/restore.ts", [backup()]);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(1);
    expect(catalogDigest(file)).toBe(before);
    expect(leftovers().filter((name) => !/-(wal|shm)$/.test(name))).toEqual([]);
  });

  it("refuses while another process has the catalog open, and goes ahead with --force", async () => {
    makeCatalog();
    const backup = path.join(dir, "saved.db");
    await backupCatalog(file, backup);
    const db = openDatabase(file);
    ingestFeedFile(db, writeFeed(dir, "later.txt", textPage([["A Later Paper", abstractFor("later work")]])));
    db.close();
    const before = catalogDigest(file);
    const server = await client("idle");
    try {
      const refused = await run("scripts/restore.ts", [backup]);
      expect(refused.stderr).toBe(
        "restore: the catalog is open in another process (a running server, ingest or refresh); stop it first, or use --force\n",
      );
      expect(refused.status).toBe(1);
      expect(catalogDigest(file)).toBe(before);

      const forced = await run("scripts/restore.ts", [backup, "--force"]);
      expect(forced.status).toBe(0);
      expect(forced.stderr).toBe(
        "warning: the catalog was open in another process; restart it so it reads the restored catalog\n",
      );
      expect(papers(file)).toBe(94);
    } finally {
      await stop(server);
    }
  });

  it("refuses while a refresh holds its lock", async () => {
    makeCatalog();
    const backup = path.join(dir, "saved.db");
    await backupCatalog(file, backup);
    fs.writeFileSync(`${file}.refresh.lock`, `${process.pid}\n`); // this test runner: alive
    const result = await run("scripts/restore.ts", [backup]);
    expect(result.stderr).toBe(
      `restore: a refresh is running (pid ${process.pid}); wait for it to finish, or use --force\n`,
    );
    expect(result.status).toBe(1);
  });

  it("applies the migrations a backup from an older Papershelf lacks", async () => {
    makeCatalog();
    const migrations = readMigrations();
    const oldDir = path.join(dir, "old-migrations");
    for (const m of migrations.slice(0, 2)) {
      fs.cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(oldDir, m.name), { recursive: true });
    }
    const old = openDatabase(path.join(dir, "old.db"));
    applyMigrations(old, oldDir);
    old.close();

    const result = await run("scripts/restore.ts", [path.join(dir, "old.db")]);
    expect(result.stderr).toBe(
      migrations
        .slice(2)
        .map((m) => `applied migration ${m.name}\n`)
        .join(""),
    );
    expect(result.status).toBe(0);
    const ingest = await run("scripts/ingest.ts", [SAMPLE_FEED]);
    expect(ingest.stderr).toBe("");
    expect(ingest.stdout).toBe("added 94, updated 0, unchanged 0, rejected 0\n");
  });
});
