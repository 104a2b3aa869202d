// `npm run backup [-- <file>]`: writes a consistent copy of the catalog (DATABASE_URL)
// while the server keeps running, with SQLite's online backup (lib/db/backup.ts).
// Without a file it goes to data/backups/<name>-<UTC time>.db beside the catalog.
// Prints the backup's path, size and paper count; exits 1 with one line when it
// cannot (no catalog, the file exists, a disk error), 2 on bad arguments.
import path from "node:path";
import { backupCatalog, defaultBackupFile } from "@/lib/db/backup";
import { databaseFile } from "@/lib/db/url";
import { formatBytes } from "@/lib/feed/limits";
import { EXIT, fail, parseCommandLine, shown } from "./lib/cli";

const USAGE = "usage: npm run backup [-- <file>]";

async function main() {
  const { positionals } = parseCommandLine("backup", USAGE, {
    options: { help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (positionals.length > 1) fail("backup", `expected at most one file (${USAGE})`, EXIT.usage);
  let dbFile: string;
  try {
    dbFile = databaseFile();
  } catch (error) {
    return fail("backup", error, EXIT.usage);
  }
  const dest = path.resolve(positionals[0] ?? defaultBackupFile(dbFile));
  try {
    const result = await backupCatalog(dbFile, dest);
    const count = result.papers.toLocaleString("en-US");
    process.stdout.write(
      `backed up ${shown(dbFile)} to ${shown(result.file)} (${formatBytes(result.bytes)}, ${count} papers)\n`,
    );
  } catch (error) {
    fail("backup", error);
  }
}

void main();
