// `npm run ingest -- <file> [--date YYYY-MM-DD]`: loads a trending-papers feed
// into the catalog. Prints "added N, updated N, unchanged N, rejected N" and one
// line per rejected entry; exits 1 with a one-line reason when the feed cannot be
// ingested at all (the catalog is then unchanged), 2 on bad arguments.
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { localDay, parseIsoDay } from "@/lib/feed/dates";
import { ingestFeedFile } from "@/lib/ingest-file";
import { rejectionLine, summaryLine } from "@/lib/ingest";
import { EXIT, fail, openCatalog } from "./lib/cli";

const USAGE = "usage: npm run ingest -- <file> [--date YYYY-MM-DD]";
/** Feeds with more entries than this get a progress bar (on a terminal). */
const PROGRESS_THRESHOLD = 1000;

function parseCommandLine(): { file: string; date?: string } {
  let parsed;
  try {
    parsed = parseArgs({
      options: { date: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (error) {
    fail("ingest", `${(error as Error).message} (${USAGE})`, EXIT.usage);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(EXIT.ok);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) fail("ingest", `expected one feed file (${USAGE})`, EXIT.usage);
  const date = parsed.values.date;
  if (date !== undefined) {
    if (!parseIsoDay(date)) fail("ingest", `--date "${date}" is not a real day in the form YYYY-MM-DD`, EXIT.usage);
    if (date > localDay()) fail("ingest", `--date ${date} is in the future`, EXIT.usage);
  }
  return { file, date };
}

function main() {
  const { file, date } = parseCommandLine();
  let db;
  try {
    db = openCatalog();
  } catch (error) {
    fail("ingest", `cannot open the catalog: ${(error as Error).message}`);
  }
  const bar =
    process.stderr.isTTY && !process.env.CI
      ? new cliProgress.SingleBar(
          {
            format: "ingest [{bar}] {percentage}% | {value}/{total} papers",
            stream: process.stderr,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  try {
    const summary = ingestFeedFile(db, file, {
      date,
      onStart: (total) => total > PROGRESS_THRESHOLD && bar?.start(total, 0),
      onProgress: (done) => bar?.isActive && bar.update(done),
    });
    bar?.stop();
    process.stdout.write(`${summaryLine(summary)}\n`);
    for (const r of summary.rejections) process.stdout.write(`${rejectionLine(r)}\n`);
  } catch (error) {
    bar?.stop();
    fail("ingest", `${file}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

main();
