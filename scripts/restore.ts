// `npm run restore -- <backup-file> [--force]`: puts a backup in place of the catalog
// (DATABASE_URL), keeping the current one as <db>.before-restore-<UTC time>
// (lib/db/backup.ts). The backup must pass integrity_check and be a Papershelf
// catalog; one from an older version gets the migrations it lacks. Refuses while
// the server, an ingest or a refresh has the catalog open, unless --force (then
// restart the server: it still has the previous catalog open). Exits 1 with one
// line when it refuses, leaving the catalog as it was; 2 on bad arguments.
import path from "node:path";
import { restoreCatalog } from "@/lib/db/backup";
import { databaseFile } from "@/lib/db/url";
import { EXIT, fail, parseCommandLine, shown } from "./lib/cli";

const USAGE = "usage: npm run restore -- <backup-file> [--force]";

function main() {
  const { values, positionals } = parseCommandLine("restore", USAGE, {
    options: { force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) fail("restore", `expected one backup file (${USAGE})`, EXIT.usage);
  let dbFile: string;
  try {
    dbFile = databaseFile();
  } catch (error) {
    return fail("restore", error, EXIT.usage);
  }
  const backup = positionals[0]!;
  try {
    const result = restoreCatalog(dbFile, path.resolve(backup), { force: values.force });
    for (const name of result.applied) process.stderr.write(`applied migration ${name}\n`);
    const kept = result.previous ? `; the previous catalog is kept as ${shown(result.previous)}` : "";
    const count = result.papers.toLocaleString("en-US");
    process.stdout.write(`restored ${shown(dbFile)} from ${backup} (${count} papers)${kept}\n`);
    if (result.wasInUse) {
      process.stderr.write(
        "warning: the catalog was open in another process; restart it so it reads the restored catalog\n",
      );
    }
  } catch (error) {
    fail("restore", error);
  }
}

main();
