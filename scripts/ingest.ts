// `npm run ingest -- <file-or-url>`: loads a feed into the catalog. The format
// (trending-page text, Hugging Face JSON, arXiv Atom) is detected from the
// content, or named with --format. Shortcuts build the source URLs:
//   --source hf --date YYYY-MM-DD | --week YYYY-Www | --month YYYY-MM
//   --source arxiv --query 'cat:cs.CL' [--max 200] [--date YYYY-MM-DD]
// Prints "added N, updated N, unchanged N, rejected N" and one line per rejected
// entry; exits 1 with a one-line reason when the feed cannot be ingested at all
// (the catalog is then unchanged), 2 on bad arguments. A large feed shows a
// progress bar at a terminal; --progress prints progress lines on stderr instead,
// for logs (and for tests that must know how far an ingest has got).
import cliProgress from "cli-progress";
import { localDay } from "@/lib/feed/dates";
import { FORMAT_NAMES, type FormatName } from "@/lib/feed/detect";
import type { FeedSource } from "@/lib/feed/schema";
import { ingestFeedFile, ingestFeedUrl, isUrl, type IngestFileOptions } from "@/lib/ingest-file";
import { rejectionLine, summaryLine, type IngestSummary } from "@/lib/ingest";
import { periodOf } from "@/lib/periods";
import { ARXIV_DEFAULT_MAX, arxivMaxSchema, arxivUrl, fetchOptionsFor, hfUrl, sourceUrls } from "@/lib/sources";
import { EXIT, fail, openCatalog, parseCommandLine, pastDay } from "./lib/cli";

const USAGE = [
  "usage: npm run ingest -- <file-or-url> [--format text|hf|arxiv] [--date YYYY-MM-DD] [--progress]",
  "       npm run ingest -- --source hf (--date YYYY-MM-DD | --week YYYY-Www | --month YYYY-MM)",
  "       npm run ingest -- --source arxiv --query 'cat:cs.CL' [--max 200] [--date YYYY-MM-DD]",
].join("\n");
/** Feeds with more entries than this get a progress bar (on a terminal). */
const PROGRESS_THRESHOLD = 1000;

/** "10,000": a count as a person reads it. */
const count = (n: number) => n.toLocaleString("en-US");

/** "200 ms", "2 s": a retry delay as a person reads it. */
const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`);

type Plan = { target: string; format?: FeedSource; date?: string; progress: boolean };

const usage = (message: string): never => fail("ingest", `${message} (npm run ingest -- --help)`, EXIT.usage);

function readArguments(): Plan {
  const { values, positionals } = parseCommandLine(
    "ingest",
    USAGE,
    {
      options: {
        date: { type: "string" },
        week: { type: "string" },
        month: { type: "string" },
        format: { type: "string" },
        source: { type: "string" },
        query: { type: "string" },
        max: { type: "string" },
        progress: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    },
    "npm run ingest -- --help",
  );
  const date = values.date === undefined ? undefined : pastDay("ingest", "date", values.date);
  const progress = values.progress ?? false;
  let format: FeedSource | undefined;
  if (values.format !== undefined) {
    if (!(values.format in FORMAT_NAMES)) usage(`--format must be one of ${Object.keys(FORMAT_NAMES).join(", ")}`);
    format = FORMAT_NAMES[values.format as FormatName];
  }

  if (values.source === undefined) {
    for (const flag of ["week", "month", "query", "max"] as const) {
      if (values[flag] !== undefined) usage(`--${flag} needs --source`);
    }
    const [target, ...extra] = positionals;
    if (!target || extra.length) usage("expected one feed file or URL");
    return { target: target!, format, date, progress };
  }

  if (positionals.length) usage("give either a file or URL, or --source, not both");
  let bases;
  try {
    bases = sourceUrls();
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.source === "hf") {
    if (values.query !== undefined || values.max !== undefined) usage("--query and --max are for --source arxiv");
    const given = (["date", "week", "month"] as const).filter((k) => values[k] !== undefined);
    if (given.length !== 1) usage("--source hf needs one of --date, --week or --month");
    const kind = given[0]!;
    const period = periodOf(kind, values[kind]!);
    if (!period) usage(`--${kind} "${values[kind]}" is not a real ${kind === "date" ? "day" : kind}`);
    if (period!.from > localDay()) usage(`--${kind} ${values[kind]} is in the future`);
    // A day's list is that day's trending: every paper in it is filed under the day asked for.
    return { target: hfUrl(period!, bases.hf), format: "hf", date: kind === "date" ? date : undefined, progress };
  }
  if (values.source === "arxiv") {
    if (values.week !== undefined || values.month !== undefined) usage("--week and --month are for --source hf");
    const query = values.query?.trim();
    if (!query) usage("--source arxiv needs --query, e.g. --query 'cat:cs.CL'");
    const max =
      values.max === undefined
        ? { success: true as const, data: ARXIV_DEFAULT_MAX }
        : arxivMaxSchema.safeParse(values.max);
    if (!max.success) usage(`--max ${max.error.issues[0]!.message}`);
    return { target: arxivUrl(query!, max.data!, bases.arxiv, date), format: "arxiv", date, progress };
  }
  return usage(`--source must be hf or arxiv, not "${values.source}"`);
}

async function main() {
  const plan = readArguments();
  let db;
  try {
    db = openCatalog();
  } catch (error) {
    fail("ingest", `cannot open the catalog: ${(error as Error).message}`);
  }
  const bar =
    process.stderr.isTTY && !process.env.CI && !plan.progress
      ? new cliProgress.SingleBar(
          {
            format: "ingest [{bar}] {percentage}% | {value}/{total} papers",
            stream: process.stderr,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  const say = (line: string) => plan.progress && process.stderr.write(`ingest: ${line}\n`);
  let tenths = 0;
  const options: IngestFileOptions & { format?: FeedSource } = {
    date: plan.date,
    format: plan.format,
    onStart: (total) => {
      say(`writing ${count(total)} papers`);
      if (total > PROGRESS_THRESHOLD) bar?.start(total, 0);
    },
    onProgress: (done, total) => {
      if (bar?.isActive) bar.update(done);
      // A line per tenth of the feed: enough to follow a long ingest in a log.
      if (Math.floor((done * 10) / total) > tenths) {
        tenths = Math.floor((done * 10) / total);
        say(`wrote ${count(done)} of ${count(total)} papers`);
      }
    },
  };
  try {
    let summary: IngestSummary | null;
    if (isUrl(plan.target)) {
      process.stderr.write(`fetching ${plan.target}\n`);
      const fetch = {
        ...fetchOptionsFor(plan.target),
        onRetry: ({ attempt, reason, delayMs }: { attempt: number; reason: string; delayMs: number }) =>
          process.stderr.write(`ingest: ${reason}; retrying in ${seconds(delayMs)} (attempt ${attempt})\n`),
      };
      summary = await ingestFeedUrl(db, plan.target, { ...options, fetch });
    } else {
      say(`reading ${plan.target}`);
      summary = ingestFeedFile(db, plan.target, options);
    }
    bar?.stop();
    process.stdout.write(`${summaryLine(summary!)}\n`);
    for (const r of summary!.rejections) process.stdout.write(`${rejectionLine(r)}\n`);
  } catch (error) {
    bar?.stop();
    // Download errors already name the URL ("HTTP 404 Not Found from <url>"); say it once.
    const message = (error as Error).message;
    fail("ingest", message.includes(plan.target) ? message : `${plan.target}: ${message}`);
  } finally {
    db.close();
  }
}

void main();
