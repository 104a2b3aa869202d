import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/sqlite";
import { tempDir } from "@/tests/helpers/catalog";

const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir();
  dirs.push(dir);
  return { dir, file: path.join(dir, "db.sqlite") };
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const tables = (file: string) => {
  const db = openDatabase(file);
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
  db.close();
  return names;
};

/** A copy of the real migrations plus extra ones, for testing what happens after the first. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = tempDir("papershelf-migrations-");
  dirs.push(dir);
  fs.cpSync("prisma/migrations", dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("applyMigrations", () => {
  it("creates the catalog's tables in a new database file", () => {
    const { file } = fresh();
    const report = applyMigrations(openDatabase(file));
    expect(report.applied).toEqual(readMigrations().map((m) => m.name));
    expect(tables(file)).toEqual(expect.arrayContaining(["Paper", "Appearance", "IngestRun", "_prisma_migrations"]));
  });

  it("records each migration the way Prisma does: name, SHA-256 of migration.sql, finish time", () => {
    const { file } = fresh();
    const db = openDatabase(file);
    applyMigrations(db);
    const rows = db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name").all() as Record<
      string,
      unknown
    >[];
    const expected = readMigrations().map((m) => ({
      migration_name: m.name,
      checksum: createHash("sha256")
        .update(fs.readFileSync(path.join("prisma/migrations", m.name, "migration.sql")))
        .digest("hex"),
      applied_steps_count: 1,
      rolled_back_at: null,
      logs: null,
    }));
    expect(rows).toEqual(expected.map((e) => expect.objectContaining(e)));
    for (const row of rows) expect(new Date(String(row.finished_at)).getTime()).not.toBeNaN();
  });

  it("does nothing the second time", () => {
    const { file } = fresh();
    applyMigrations(openDatabase(file));
    expect(applyMigrations(openDatabase(file))).toEqual({ applied: [], warnings: [] });
  });

  it("applies only what is pending when a new migration arrives", () => {
    const { file } = fresh();
    applyMigrations(openDatabase(file));
    const dir = migrationsWith({ "29990101000000_add_note": 'ALTER TABLE "Paper" ADD COLUMN "note" TEXT;' });
    expect(applyMigrations(openDatabase(file), dir).applied).toEqual(["29990101000000_add_note"]);
  });

  it("leaves the database as it was when a migration fails, and says which", () => {
    const { file } = fresh();
    const db = openDatabase(file);
    applyMigrations(db);
    const dir = migrationsWith({
      "29990101000000_broken": 'CREATE TABLE "Half" (id INTEGER);\nALTER TABLE "Nope" ADD COLUMN x TEXT;',
    });
    expect(() => applyMigrations(db, dir)).toThrow(/migration 29990101000000_broken failed: no such table: Nope/);
    expect(tables(file)).not.toContain("Half");
    expect(
      db.prepare("SELECT count(*) FROM _prisma_migrations WHERE migration_name LIKE '%broken'").pluck().get(),
    ).toBe(0);
  });

  it("warns when an applied migration was edited afterwards", () => {
    const { file } = fresh();
    applyMigrations(openDatabase(file));
    const dir = migrationsWith({});
    const first = readMigrations(dir)[0]!;
    fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");
    expect(applyMigrations(openDatabase(file), dir).warnings).toEqual([
      `migration ${first.name} was changed after it was applied`,
    ]);
  });

  it("is safe when two processes migrate the same new file at once", async () => {
    const { file } = fresh();
    const run = () =>
      new Promise<number>((resolve) => {
        const child = spawn("npx", ["tsx", "scripts/migrate.ts"], {
          env: { ...process.env, DATABASE_URL: `file:${file}` },
          stdio: "ignore",
        });
        child.on("exit", (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0]);
    const db = openDatabase(file);
    expect(db.prepare("SELECT count(*) FROM _prisma_migrations").pluck().get()).toBe(readMigrations().length);
  });
});

/** The WASM stand-in for Prisma's schema engine, where this machine has it (see README). */
const shim = [
  process.env.PRISMA_SCHEMA_ENGINE_SHIM,
  "../shared/tools/prisma-schema-engine.mjs",
  "/work/shared/tools/prisma-schema-engine.mjs",
]
  .filter((p): p is string => Boolean(p))
  .map((p) => path.resolve(p))
  .find((p) => fs.existsSync(p));

describe.skipIf(!shim)("Prisma's own migrate status (needs a schema engine)", () => {
  it("agrees that a catalog migrated by Papershelf is up to date", () => {
    const { file } = fresh();
    applyMigrations(openDatabase(file));
    const result = spawnSync("npx", ["prisma", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_SCHEMA_ENGINE_BINARY: shim, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    });
    expect(result.stdout).toContain("Database schema is up to date!");
    expect(result.status).toBe(0);
  });
});

const hasNativeEngine = () => {
  try {
    return fs.readdirSync("node_modules/@prisma/engines").some((n) => n.startsWith("schema-engine"));
  } catch {
    return false;
  }
};

describe.skipIf(hasNativeEngine() || Boolean(process.env.PRISMA_SCHEMA_ENGINE_BINARY))(
  "Prisma's CLI without a schema engine",
  () => {
    it("explains how to migrate and how to author migrations instead of failing on a download", () => {
      const { file } = fresh();
      const result = spawnSync("npx", ["prisma", "migrate", "status"], {
        env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
        encoding: "utf8",
      });
      const output = result.stdout + result.stderr;
      expect(output).toContain("no native Prisma schema engine");
      expect(output).toContain("npm run db:migrate");
      expect(output).toContain("PRISMA_SCHEMA_ENGINE_BINARY=");
    });
  },
);
