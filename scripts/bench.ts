// `npm run bench [-- --papers N | --smoke]`: measures ingest and search on a
// synthetic catalog (40,000 papers, about 60 MB, by default; --smoke: 1,000).
// Prints a table and writes bench/results.json. Not part of `npm test`:
// timings depend on the machine and are never asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/sqlite";
import { readFeed } from "@/lib/feed/index";
import { ingestRecords } from "@/lib/ingest";
import { createIndex, runSearch, toSearchDoc } from "@/lib/search/index";
import { parseQuery } from "@/lib/search/query";
import { syntheticFeed } from "./lib/synthetic-feed";

const { values } = parseArgs({ options: { papers: { type: "string" }, smoke: { type: "boolean" } } });
const count = values.smoke ? 1000 : Number(values.papers ?? 40_000);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papershelf-bench-"));
  try {
    const feed = syntheticFeed(count);
    const bytes = new TextEncoder().encode(feed.text);
    const db = openDatabase(path.join(dir, "bench.db"));
    applyMigrations(db);

    let t = process.hrtime.bigint();
    const parsed = readFeed(bytes, { today: "2026-11-29" });
    const parseS = seconds(t);
    t = process.hrtime.bigint();
    const first = ingestRecords(db, {
      source: "bench",
      format: "text-page",
      records: parsed.records,
      rejected: parsed.rejected,
    });
    const writeS = seconds(t);
    t = process.hrtime.bigint();
    const again = ingestRecords(db, { source: "bench", format: "text-page", records: parsed.records, rejected: [] });
    const reingestS = seconds(t);

    const heapBefore = process.memoryUsage().heapUsed;
    t = process.hrtime.bigint();
    const rows = db.prepare("SELECT id, title, abstract, keyPhrases FROM Paper").all() as {
      id: number;
      title: string;
      abstract: string;
      keyPhrases: string;
    }[];
    const topicsOf = new Map<number, string[]>();
    const topicRows = db.prepare("SELECT paperId, topic FROM PaperTopic ORDER BY position").all() as {
      paperId: number;
      topic: string;
    }[];
    for (const t of topicRows) topicsOf.set(t.paperId, [...(topicsOf.get(t.paperId) ?? []), t.topic]);
    const index = createIndex();
    index.addAll(
      rows.map((r) =>
        toSearchDoc({ ...r, keyPhrases: JSON.parse(r.keyPhrases) as string[], topics: topicsOf.get(r.id) ?? [] }),
      ),
    );
    const indexS = seconds(t);
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;

    const queries = [
      ...feed.names.slice(0, 20), // acronyms: one paper each
      "pretraining",
      "language models",
      "data selection",
      "multilingual",
      "vision language",
      "quantiz",
      "efficien",
      "pretrainnig",
      "multilingul",
      "biomedical corpus",
    ];
    const latencies = queries.map((q) => {
      const start = process.hrtime.bigint();
      runSearch(
        { segment: null, delta: index },
        parseQuery(q, () => false),
      );
      return seconds(start) * 1000;
    });
    db.close();

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, totalMemGB: round(os.totalmem() / 1073741824, 1) },
      papers: count,
      feedMB: round(bytes.length / 1048576, 1),
      parseAndValidateSeconds: round(parseS),
      writeSeconds: round(writeS),
      ingestSeconds: round(parseS + writeS),
      papersPerSecond: Math.round(count / (parseS + writeS)),
      firstIngest: { added: first.added, rejected: first.rejected },
      reingestSeconds: round(reingestS),
      reingestUnchanged: again.unchanged,
      indexBuildSeconds: round(indexS),
      indexHeapMB: Math.round(heapMB),
      searchMs: {
        p50: round(percentile(latencies, 0.5), 3),
        p95: round(percentile(latencies, 0.95), 3),
        queries: queries.length,
      },
    };
    const rowsOut: [string, string][] = [
      ["papers", `${count.toLocaleString("en-US")} (${results.feedMB} MB feed)`],
      ["parse + validate", `${results.parseAndValidateSeconds} s`],
      ["write (one transaction)", `${results.writeSeconds} s`],
      ["ingest total", `${results.ingestSeconds} s (${results.papersPerSecond.toLocaleString("en-US")} papers/s)`],
      ["re-ingest (all unchanged)", `${results.reingestSeconds} s`],
      ["search index build", `${results.indexBuildSeconds} s, ~${results.indexHeapMB} MB heap`],
      [
        "search latency p50 / p95",
        `${results.searchMs.p50} / ${results.searchMs.p95} ms over ${queries.length} queries`,
      ],
    ];
    const width = Math.max(...rowsOut.map(([k]) => k.length));
    for (const [k, v] of rowsOut) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    fs.mkdirSync("bench", { recursive: true });
    fs.writeFileSync(path.join("bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
    process.stdout.write("wrote bench/results.json\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
