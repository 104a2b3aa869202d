// `npm run bench [-- --smoke | --papers N | --sizes 10000,100000] [--out FILE]`:
// measures Papershelf on synthetic catalogs (scripts/lib/synthetic-feed.ts),
// one run per size, and prints a table plus the issue #6 targets it meets;
// writes bench/results.json (or --out). Per size:
// - ingest throughput through the real path (lib/ingest-file.ts) into a fresh
//   catalog, in a process of its own like `npm run ingest`;
// - the production server (`tsx scripts/start.ts --no-build` on that catalog):
//   time from spawn to the first answered search, search latency over HTTP (the
//   API and the listing page, sequential), listing/search/detail pages under 20
//   concurrent connections (autocannon), the next-server process's RSS after
//   warm-up, the listing page's JavaScript (gzipped), and how long 300 new papers
//   ingested by the CLI take to become searchable;
// - in-process search latency (lib/search/state.ts + parseQuery, the entry points
//   the app uses) against plain MiniSearch with default options on the same papers.
// --smoke: 1,000 papers and 2 s load runs, well under a minute (CI runs it).
// --app DIR serves another checkout's build (e.g. a patched copy) instead of this one.
// Timings depend on the machine and its load; compare numbers within one run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import MiniSearch from "minisearch";
import { openDatabase } from "@/lib/db/sqlite";
import { parseJsonArray } from "@/lib/json";
import { parseQuery } from "@/lib/search/query";
import { selectHits, StateBuilder, topicCounts, type SearchState } from "@/lib/search/state";
import { TOPICS } from "@/lib/topics/taxonomy";
import { benchQueries, type BenchQuery } from "./lib/bench-queries";
import {
  missingMeasurements,
  verdicts,
  type BenchResults,
  type LoadResult,
  type Percentiles,
  type SizeResult,
} from "./lib/bench-results";
import { buildNeeded, runBuild } from "./lib/build";
import { fail, parseCommandLine } from "./lib/cli";
import { SyntheticGenerator, textPage, type SyntheticPaper } from "./lib/synthetic-feed";

const USAGE = "usage: npm run bench [-- --smoke | --papers N | --sizes 10000,100000] [--out FILE] [--app DIR]";
const { values } = parseCommandLine("bench", USAGE, {
  options: {
    smoke: { type: "boolean" },
    papers: { type: "string" },
    sizes: { type: "string" },
    out: { type: "string" },
    app: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const SMOKE = values.smoke ?? false;
const SIZES = (SMOKE ? "1000" : (values.sizes ?? values.papers ?? "10000")).split(",").map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 100))
  fail("bench", `sizes must be whole numbers ≥ 100 (${USAGE})`, 2);
const OUT = values.out ?? path.join("bench", "results.json");
const LOAD_SECONDS = SMOKE ? 2 : 20;
const CONNECTIONS = 20;
const NEW_PAPERS = 300;
/** Results on a listing page. */
const PAGE = 20;
const PORTS = [3510, 3519];
const TOPIC_SLUGS = TOPICS.filter((t) => !t.fallback).map((t) => t.slug);
const isTopic = (slug: string) => TOPICS.some((t) => t.slug === slug);
/** The checkout whose production build is served (and whose CLI ingests): this one unless --app names another. */
const APP = path.resolve(values.app ?? ".");
const bin = (name: string) => path.join(APP, "node_modules", ".bin", name);

const now = () => performance.now();
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(s, 0.5), 3), p95: round(percentile(s, 0.95), 3), p99: round(percentile(s, 0.99), 3) };
}

/** p50 per query kind. */
function byKind(queries: BenchQuery[], samples: number[][]): Record<string, number> {
  const kinds = [...new Set(queries.map((q) => q.kind))];
  return Object.fromEntries(
    kinds.map((k) => [k, percentiles(queries.flatMap((q, i) => (q.kind === k ? samples[i]! : []))).p50]),
  );
}

async function freePort(): Promise<number> {
  for (let port = PORTS[0]!; port <= PORTS[1]!; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${PORTS[0]}-${PORTS[1]}`);
}

/** Descendant pids of `root` (children first), from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function statusKB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

/**
 * The process that serves requests: `scripts/start.ts` runs under tsx and spawns
 * `next start`, which names its server process "next-server". Falls back to the
 * descendant with the largest RSS.
 */
function serverPid(root: number): number {
  const pids = descendants(root);
  const named = pids.find((pid) => {
    try {
      return /next-server/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
    } catch {
      return false;
    }
  });
  if (named) return named;
  return pids.reduce((best, pid) => (statusKB(pid, "VmRSS") > statusKB(best, "VmRSS") ? pid : best), root);
}

type Server = { child: ChildProcess; base: string; startedAt: number; logFile: string };

function startServer(dbFile: string, port: number, logFile: string): Server {
  const out = fs.openSync(logFile, "a");
  const startedAt = now();
  const child = spawn(bin("tsx"), ["scripts/start.ts", "--no-build"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${dbFile}`,
      PORT: String(port),
      PAPERSHELF_HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    cwd: APP,
    stdio: ["ignore", out, out],
    // Its own process group, so stopping it stops next start and its server too.
    detached: true,
  });
  return { child, base: `http://127.0.0.1:${port}`, startedAt, logFile };
}

async function stopServer(server: Server) {
  const pid = server.child.pid;
  if (pid === undefined || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds from spawning the server until it accepts connections. */
async function listening(server: Server): Promise<number> {
  const port = Number(new URL(server.base).port);
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited (see ${server.logFile})`);
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (connected) return round((now() - server.startedAt) / 1000);
    await sleep(25);
  }
}

/** Seconds from spawning the server to the first search it answers. */
async function firstSearch(server: Server, q: string): Promise<number> {
  const deadline = server.startedAt + 900_000;
  let failingSince: number | null = null;
  while (now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited (see ${server.logFile})`);
    try {
      const res = await fetch(`${server.base}/api/papers?q=${encodeURIComponent(q)}`);
      const body = await res.text();
      if (res.ok) return round((now() - server.startedAt) / 1000);
      // A server that answers searches with errors for 20 s will not recover by itself.
      failingSince ??= now();
      if (now() - failingSince > 20_000) {
        // The server's first error with the lines that explain it, on one line.
        const lines = fs.readFileSync(server.logFile, "utf8").split("\n");
        const at = lines.findIndex((l) => /error/i.test(l));
        const logged =
          at < 0
            ? undefined
            : lines
                .slice(at, at + 6)
                .map((l) => l.trim())
                .filter(Boolean)
                .join(" ")
                .slice(0, 400);
        throw new Error(`searches fail with HTTP ${res.status}: ${logged ?? body.slice(0, 200)}`);
      }
    } catch (error) {
      if (failingSince !== null) throw error;
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new Error("no search answered within 15 minutes");
}

async function timedGet(url: string): Promise<{ ms: number; status: number; body: string }> {
  const t = now();
  const res = await fetch(url);
  const body = await res.text();
  return { ms: now() - t, status: res.status, body };
}

/** Sequential search requests over HTTP: the JSON API and the listing page, each query once. */
async function httpSearch(base: string, queries: BenchQuery[]) {
  const api: number[] = [];
  const page: number[] = [];
  for (const { q } of queries.slice(0, 10)) {
    await timedGet(`${base}/api/papers?q=${encodeURIComponent(q)}`);
    await timedGet(`${base}/?q=${encodeURIComponent(q)}`);
  }
  for (const { q } of queries) {
    const a = await timedGet(`${base}/api/papers?q=${encodeURIComponent(q)}`);
    if (a.status !== 200) throw new Error(`/api/papers?q=${q} answered ${a.status}`);
    api.push(a.ms);
    const p = await timedGet(`${base}/?q=${encodeURIComponent(q)}`);
    if (p.status !== 200) throw new Error(`/?q=${q} answered ${p.status}`);
    page.push(p.ms);
  }
  return { api: percentiles(api), page: percentiles(page) };
}

/** `connections` clients for `seconds` cycling through `paths`; latency percentiles from every response. */
async function load(base: string, name: string, paths: string[]): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: LOAD_SECONDS,
    requests: paths.map((p) => ({ method: "GET" as const, path: p })),
    timeout: 30,
  });
  (instance as unknown as NodeJS.EventEmitter).on(
    "response",
    (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms),
  );
  const result = await instance;
  const p = percentiles(latencies.length ? latencies : [Number.NaN]);
  log(`${name}: ${result.requests.total} requests, p95 ${p.p95} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    path: paths[0]!,
    ...p,
    requests: result.requests.total,
    reqPerSec: round(result.requests.total / LOAD_SECONDS, 1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** The gzipped size of every script the listing page loads. */
async function listingJs(base: string): Promise<{ kb: number; files: number }> {
  const html = await (await fetch(`${base}/`)).text();
  // noModule scripts are Next's polyfills for browsers without ES modules; current browsers never download them.
  const srcs = [
    ...new Set(
      [...html.matchAll(/<script\b([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
        .filter((m) => !/\bnoModule\b/i.test(`${m[1]} ${m[3]}`))
        .map((m) => m[2]!.replace(/&amp;/g, "&")),
    ),
  ];
  let bytes = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    bytes += zlib.gzipSync(body).length;
  }
  return { kb: round(bytes / 1024, 1), files: srcs.length };
}

/** Ingests `file` with the CLI while the server runs; seconds until a search over HTTP finds `paper`. */
async function newPapersSearchable(base: string, dbFile: string, file: string, paper: SyntheticPaper) {
  const t = now();
  const cli = spawn(bin("tsx"), ["scripts/ingest.ts", file], {
    cwd: APP,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let cliSeconds: number | null = null;
  cli.on("exit", () => (cliSeconds = round((now() - t) / 1000)));
  const url = `${base}/api/papers?q=${encodeURIComponent(paper.name)}`;
  while (now() - t < 120_000) {
    const res = await timedGet(url);
    if (
      res.status === 200 &&
      (JSON.parse(res.body) as { results: { title: string }[] }).results.some((r) => r.title === paper.title)
    ) {
      const searchable = round((now() - t) / 1000);
      while (cliSeconds === null) await sleep(20);
      return { papers: NEW_PAPERS, cliSeconds: cliSeconds as number, searchableSeconds: searchable };
    }
    await sleep(50);
  }
  return { papers: NEW_PAPERS, cliSeconds: cliSeconds ?? -1, searchableSeconds: null };
}

/** Ingests `feed` into a new catalog at `dbFile` in a fresh process (scripts/lib/bench-ingest.ts). */
function ingestInChild(dbFile: string, feed: string) {
  const child = spawnSync(path.resolve("node_modules", ".bin", "tsx"), ["scripts/lib/bench-ingest.ts", dbFile, feed], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`the ingest failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
    seconds: number;
    added: number;
    updated: number;
    rejected: number;
  };
}

type Row = {
  id: number;
  slug: string;
  title: string;
  abstract: string;
  keyPhrases: string;
  lastFeedDate: string;
  lastRank: number;
  newestOn: string;
  sortTitle: string;
};

function readCatalog(dbFile: string) {
  const db = openDatabase(dbFile);
  try {
    const rows = db
      .prepare<[], Row>(
        "SELECT id, slug, title, abstract, keyPhrases, lastFeedDate, lastRank, newestOn, sortTitle FROM Paper ORDER BY id",
      )
      .all();
    const topics = new Map<number, string[]>();
    for (const t of db
      .prepare<[], { paperId: number; topic: string }>(
        "SELECT paperId, topic FROM PaperTopic ORDER BY paperId, position",
      )
      .all()) {
      const list = topics.get(t.paperId);
      if (list) list.push(t.topic);
      else topics.set(t.paperId, [t.topic]);
    }
    return { rows, topics };
  } finally {
    db.close();
  }
}

/** Times each query `rounds` times after one warm-up pass; samples[i] holds query i's times in ms. */
function timeQueries(queries: BenchQuery[], rounds: number, run: (q: string) => void): number[][] {
  for (const { q } of queries) run(q);
  const samples = queries.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    queries.forEach(({ q }, i) => {
      const t = now();
      run(q);
      samples[i]!.push(now() - t);
    });
  }
  return samples;
}

/** The search state of a catalog, built as the server builds it on a first start: straight into a segment. */
function buildState(rows: Row[], topics: Map<number, string[]>) {
  const builder = new StateBuilder();
  for (const r of rows)
    builder.add({ ...r, keyPhrases: parseJsonArray<string>(r.keyPhrases), topics: topics.get(r.id) ?? [] });
  return builder.build();
}

function inProcess(dbFile: string, queries: BenchQuery[], rounds: number): SizeResult["inProcess"] {
  let { rows, topics } = readCatalog(dbFile);
  let t = now();
  let state: SearchState | null = buildState(rows, topics);
  const buildSeconds = round((now() - t) / 1000);
  log(`in-process index of ${rows.length} papers built in ${buildSeconds} s`);
  const s = state;
  // What a listing does with a query: select, count topics over all results, and take the first page in order.
  const ours = timeQueries(queries, rounds, (q) => {
    const selection = selectHits(s, parseQuery(q, isTopic), "relevance");
    topicCounts(s, selection.ids());
    return selection.slice(0, PAGE);
  });
  state = null; // let the collector have it before MiniSearch is built

  t = now();
  const plain = new MiniSearch<{ id: number; title: string; abstract: string }>({ fields: ["title", "abstract"] });
  plain.addAll(rows.map(({ id, title, abstract }) => ({ id, title, abstract })));
  const minisearchBuild = round((now() - t) / 1000);
  rows = [];
  topics = new Map();
  const theirs = timeQueries(queries, rounds, (q) => plain.search(q));
  const search = percentiles(ours.flat());
  const minisearch = percentiles(theirs.flat());
  return {
    buildSeconds,
    search: { ...search, byKind: byKind(queries, ours) },
    minisearch: { ...minisearch, buildSeconds: minisearchBuild, byKind: byKind(queries, theirs) },
    ratioP50: round(search.p50 / minisearch.p50, 3),
    ratioP95: round(search.p95 / minisearch.p95, 3),
  };
}

async function benchSize(papers: number, dir: string): Promise<SizeResult> {
  log(`--- ${papers.toLocaleString("en-US")} papers ---`);
  const generator = new SyntheticGenerator(42);
  const catalog = generator.catalog(papers);
  const fresh = generator.day("2026-11-29", NEW_PAPERS);
  const feedFile = path.join(dir, `catalog-${papers}.txt`);
  const newFile = path.join(dir, `new-${papers}.txt`);
  const dbFile = path.join(dir, `bench-${papers}.db`);
  fs.writeFileSync(feedFile, textPage(catalog.days));
  fs.writeFileSync(newFile, textPage([fresh]));
  const feedMB = round(fs.statSync(feedFile).size / 1048576, 1);
  const feedEntries = catalog.days.reduce((n, d) => n + d.papers.length, 0);
  const queries = benchQueries(catalog.papers, TOPIC_SLUGS);
  // A new paper whose acronym no other paper has: searching for it finds it or nothing.
  const taken = new Map<string, number>();
  for (const p of [...catalog.papers, ...fresh.papers]) taken.set(p.name, (taken.get(p.name) ?? 0) + 1);
  const probe = fresh.papers.find((p) => taken.get(p.name) === 1) ?? fresh.papers[0]!;
  const firstQuery = queries.find((q) => q.kind === "common")!.q;
  log(`catalog: ${feedEntries} entries over ${catalog.days.length} days, ${feedMB} MB; ${queries.length} queries`);

  const summary = ingestInChild(dbFile, feedFile);
  const ingestSeconds = summary.seconds;
  const db = openDatabase(dbFile);
  const slugs = db
    .prepare<[], { slug: string }>("SELECT slug FROM Paper ORDER BY (id * 7919) % 1009, id LIMIT 200")
    .all()
    .map((r) => `/papers/${r.slug}`);
  const days = db
    .prepare<[], { d: string }>("SELECT DISTINCT feedDate AS d FROM Appearance ORDER BY d DESC LIMIT 5")
    .all()
    .map((r) => r.d);
  db.close();
  const ingest = {
    seconds: round(ingestSeconds),
    papersPerSecond: Math.round(summary.added / ingestSeconds),
    entriesPerSecond: Math.round(feedEntries / ingestSeconds),
    added: summary.added,
    updated: summary.updated,
    rejected: summary.rejected,
  };
  log(
    `ingest: ${ingest.seconds} s, ${ingest.papersPerSecond} papers/s (${summary.added} added, ${summary.updated} updated)`,
  );

  const port = await freePort();
  // The first start indexes the whole catalog and saves the index beside it; every later start loads that
  // file. Time both, then measure everything else on the second server.
  const first = startServer(dbFile, port, path.join(dir, `server-${papers}-first.log`));
  let firstStartToFirstSearchSeconds: number;
  try {
    firstStartToFirstSearchSeconds = await firstSearch(first, firstQuery);
  } finally {
    await stopServer(first);
  }
  log(`first start (index built from the catalog): first search answered after ${firstStartToFirstSearchSeconds} s`);
  const server = startServer(dbFile, port, path.join(dir, `server-${papers}.log`));
  const cleanup = () => {
    if (server.child.pid) {
      try {
        process.kill(-server.child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };
  process.once("exit", cleanup);
  let serverPart: Omit<SizeResult, "papers" | "feedEntries" | "days" | "feedMB" | "queries" | "ingest" | "inProcess">;
  try {
    const startToListeningSeconds = await listening(server);
    const startToFirstSearchSeconds = await firstSearch(server, firstQuery);
    log(
      `listening after ${startToListeningSeconds} s, first search answered ${startToFirstSearchSeconds} s after start (port ${port})`,
    );
    // The smoke run times a third of the queries over HTTP, to stay short.
    const http = await httpSearch(server.base, SMOKE ? queries.filter((_, i) => i % 3 === 0) : queries);
    log(`HTTP search p95: API ${http.api.p95} ms, page ${http.page.p95} ms`);
    const listingPaths = [
      "/",
      "/?page=2",
      "/?sort=newest",
      "/?sort=title",
      ...days.map((d) => `/?date=${d}`),
      ...TOPIC_SLUGS.slice(0, 5).map((s) => `/?topic=${s}`),
    ];
    const loadResults = {
      listing: await load(server.base, "listing", listingPaths),
      search: await load(
        server.base,
        "search",
        queries.map((q) => `/?q=${encodeURIComponent(q.q)}`),
      ),
      detail: await load(server.base, "detail", slugs),
    };
    const pid = serverPid(server.child.pid!);
    const rssMB = Math.round(statusKB(pid, "VmRSS") / 1024);
    const rssPeakMB = Math.round(statusKB(pid, "VmHWM") / 1024);
    log(`server RSS ${rssMB} MB (peak ${rssPeakMB} MB, pid ${pid})`);
    const js = await listingJs(server.base);
    const newPapers = await newPapersSearchable(server.base, dbFile, newFile, probe);
    log(`300 new papers searchable after ${newPapers.searchableSeconds} s (CLI ${newPapers.cliSeconds} s)`);
    serverPart = {
      server: {
        firstStartToFirstSearchSeconds,
        startToListeningSeconds,
        startToFirstSearchSeconds,
        rssMB,
        rssPeakMB,
        listingJsKBgz: js.kb,
        listingJsFiles: js.files,
      },
      http,
      load: loadResults,
      newPapers,
    };
  } finally {
    await stopServer(server);
    process.removeListener("exit", cleanup);
  }

  const rounds = SMOKE ? 3 : papers <= 20_000 ? 3 : 1;
  const inProc = inProcess(dbFile, queries, rounds);
  log(`in-process p95 ${inProc.search.p95} ms vs MiniSearch ${inProc.minisearch.p95} ms`);
  return {
    papers,
    feedEntries,
    days: catalog.days.length,
    feedMB,
    queries: queries.length,
    ingest,
    ...serverPart,
    inProcess: inProc,
  };
}

function table(results: SizeResult[]): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const p = (x: Percentiles) => `${x.p50} / ${x.p95} / ${x.p99}`;
  const l = (x: LoadResult) => `${p(x)} ms, ${n(x.reqPerSec)} req/s, ${x.non2xx} non-2xx, ${x.errors} err`;
  const rows: [string, (s: SizeResult) => string][] = [
    ["papers (feed entries, days, MB)", (s) => `${n(s.papers)} (${n(s.feedEntries)}, ${s.days} days, ${s.feedMB} MB)`],
    ["ingest", (s) => `${s.ingest.seconds} s, ${n(s.ingest.papersPerSecond)} papers/s`],
    [
      "start → listening → first search",
      (s) =>
        `${s.server.startToListeningSeconds} s → ${s.server.startToFirstSearchSeconds} s (first start, index built: ${s.server.firstStartToFirstSearchSeconds} s)`,
    ],
    [`search in-process p50/p95/p99 (${"n"} queries)`, (s) => `${p(s.inProcess.search)} ms`],
    ["plain MiniSearch p50/p95/p99", (s) => `${p(s.inProcess.minisearch)} ms`],
    ["ratio to MiniSearch p50 / p95", (s) => `${s.inProcess.ratioP50} / ${s.inProcess.ratioP95}`],
    ["search HTTP /api/papers p50/p95/p99", (s) => `${p(s.http.api)} ms`],
    ["search HTTP /?q= p50/p95/p99", (s) => `${p(s.http.page)} ms`],
    [`listing, ${CONNECTIONS} conn`, (s) => l(s.load.listing)],
    [`search page, ${CONNECTIONS} conn`, (s) => l(s.load.search)],
    [`detail, ${CONNECTIONS} conn`, (s) => l(s.load.detail)],
    ["server RSS after warm-up (peak)", (s) => `${n(s.server.rssMB)} MB (${n(s.server.rssPeakMB)} MB)`],
    ["listing JS, gzipped", (s) => `${s.server.listingJsKBgz} KB in ${s.server.listingJsFiles} files`],
    [
      "300 new papers searchable",
      (s) => `${s.newPapers.searchableSeconds ?? "never"} s (CLI ${s.newPapers.cliSeconds} s)`,
    ],
  ];
  const label = (k: string) => k.replace("(n queries)", `(${results[0]!.queries} queries)`);
  const width = Math.max(...rows.map(([k]) => label(k).length));
  const lines = rows.map(([k, f]) => `${label(k).padEnd(width)}  ${results.map(f).join("  |  ")}`);
  for (const s of results) {
    lines.push("", `targets at ${n(s.papers)} papers:`);
    for (const v of verdicts(s)) lines.push(`  ${v.ok ? "✓" : "✗"} ${v.target}: ${v.value}`);
  }
  return lines.join("\n");
}

async function main() {
  // A stale build would measure the code as it was, not as it is.
  const why = buildNeeded(APP);
  if (why) {
    if (APP !== process.cwd()) fail("bench", `${APP}: ${why}; build it first`);
    log(`${why}: running next build`);
    if (runBuild() !== 0) fail("bench", "next build failed");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papershelf-bench-"));
  const sizes: SizeResult[] = [];
  try {
    for (const papers of SIZES) sizes.push(await benchSize(papers, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      totalMemGB: round(os.totalmem() / 1073741824, 1),
      loadAverage: os.loadavg().map((x) => round(x)),
    },
    options: { smoke: SMOKE, sizes: SIZES, loadSeconds: LOAD_SECONDS, connections: CONNECTIONS },
    sizes,
  };
  process.stdout.write(`${table(sizes)}\n`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(`wrote ${OUT}\n`);
  const missing = missingMeasurements(results);
  if (missing.length) fail("bench", `measurements missing: ${missing.join(", ")}`);
}

main().catch((error: unknown) => fail("bench", error));
