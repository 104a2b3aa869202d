// `npm run refresh [-- --since YYYY-MM-DD] [--until YYYY-MM-DD]`: pulls every
// configured live source (PAPERSHELF_SOURCES, default "hf") for each day missing
// since its last complete day, one ingest per day (lib/refresh.ts). Safe from
// cron and safe to run twice at once: a second run finds the lock, says so and
// exits 0 without touching anything. Exits 1 when a source failed (its missing
// days are retried by the next run), 2 on bad arguments or settings.
import { localDay } from "@/lib/feed/dates";
import { databaseFile } from "@/lib/db/url";
import { acquireLock } from "@/lib/lock";
import { refreshSources } from "@/lib/refresh";
import { configuredSources, sourceUrls } from "@/lib/sources";
import { EXIT, fail, openCatalog, parseCommandLine, pastDay } from "./lib/cli";

const USAGE = "usage: npm run refresh [-- --since YYYY-MM-DD] [--until YYYY-MM-DD]";

function readArguments() {
  const { values } = parseCommandLine("refresh", USAGE, {
    options: { since: { type: "string" }, until: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const since = values.since === undefined ? undefined : pastDay("refresh", "since", values.since);
  const today = localDay();
  const until = values.until === undefined ? today : pastDay("refresh", "until", values.until);
  if (since && since > until) fail("refresh", `--since ${since} is after --until ${until}`, EXIT.usage);
  return { since, until, today };
}

async function main() {
  const { since, until, today } = readArguments();
  let sources;
  try {
    sources = configuredSources();
    sourceUrls();
  } catch (error) {
    fail("refresh", error, EXIT.usage);
  }
  const lock = acquireLock(`${databaseFile()}.refresh.lock`);
  if ("heldBy" in lock) {
    process.stdout.write(`another refresh is running (pid ${lock.heldBy}); nothing to do\n`);
    process.exit(EXIT.ok);
  }
  let db;
  try {
    db = openCatalog();
  } catch (error) {
    fail("refresh", `cannot open the catalog: ${(error as Error).message}`);
  }
  try {
    const results = await refreshSources(db, {
      sources,
      since,
      until,
      today,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const failed = results.filter((r) => r.status === "failed");
    if (failed.length) {
      process.stderr.write(`refresh: ${failed.length} source(s) failed; their missing days are retried next time\n`);
      process.exitCode = EXIT.failed;
    }
  } finally {
    db.close();
    lock.release();
  }
}

void main();
