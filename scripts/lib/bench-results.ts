// The shape of bench/results.json, the measurements every run must have (the
// CI's bench smoke stage checks them), and the targets of issue #6 with the
// verdict for one size. Timings are reported, never asserted by tests.

export type Percentiles = { p50: number; p95: number; p99: number };

export type LoadResult = Percentiles & {
  path: string;
  requests: number;
  reqPerSec: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

export type SizeResult = {
  papers: number;
  feedEntries: number;
  days: number;
  feedMB: number;
  queries: number;
  ingest: {
    seconds: number;
    papersPerSecond: number;
    entriesPerSecond: number;
    added: number;
    updated: number;
    rejected: number;
  };
  server: {
    /** From spawning `tsx scripts/start.ts` until the port accepts connections. */
    /** The very first start, which indexes the whole catalog and saves the index. */
    firstStartToFirstSearchSeconds: number;
    /** A later start, which loads the saved index. */
    startToListeningSeconds: number;
    startToFirstSearchSeconds: number;
    rssMB: number;
    rssPeakMB: number;
    listingJsKBgz: number;
    listingJsFiles: number;
  };
  http: { api: Percentiles; page: Percentiles };
  inProcess: {
    buildSeconds: number;
    search: Percentiles & { byKind: Record<string, number> };
    minisearch: Percentiles & { buildSeconds: number; byKind: Record<string, number> };
    /** Papershelf ÷ plain MiniSearch. */
    ratioP50: number;
    ratioP95: number;
  };
  load: { listing: LoadResult; search: LoadResult; detail: LoadResult };
  newPapers: { papers: number; cliSeconds: number; searchableSeconds: number | null };
};

export type BenchResults = {
  date: string;
  machine: { cpus: number; node: string; totalMemGB: number; loadAverage: number[] };
  options: { smoke: boolean; sizes: number[]; loadSeconds: number; connections: number };
  sizes: SizeResult[];
};

/** Every measurement a complete run reports, as dotted paths into a SizeResult. */
export const REQUIRED: string[] = [
  "ingest.papersPerSecond",
  "server.firstStartToFirstSearchSeconds",
  "server.startToListeningSeconds",
  "server.startToFirstSearchSeconds",
  "server.rssMB",
  "server.listingJsKBgz",
  ...["api", "page"].flatMap((k) => ["p50", "p95", "p99"].map((p) => `http.${k}.${p}`)),
  ...["search", "minisearch"].flatMap((k) => ["p50", "p95", "p99"].map((p) => `inProcess.${k}.${p}`)),
  "inProcess.ratioP95",
  ...["listing", "search", "detail"].flatMap((k) =>
    ["p50", "p95", "p99", "reqPerSec", "non2xx", "errors"].map((p) => `load.${k}.${p}`),
  ),
  "newPapers.searchableSeconds",
];

const at = (obj: unknown, dotted: string): unknown =>
  dotted
    .split(".")
    .reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);

/** The required measurements a results file lacks ("10000: load.detail.p95"); empty when complete. */
export function missingMeasurements(results: BenchResults | null): string[] {
  if (!results || !Array.isArray(results.sizes) || results.sizes.length === 0) return ["(no sizes)"];
  return results.sizes.flatMap((s) =>
    REQUIRED.filter((p) => typeof at(s, p) !== "number" || !Number.isFinite(at(s, p))).map((p) => `${s.papers}: ${p}`),
  );
}

export type Verdict = { target: string; value: string; ok: boolean };

/** Issue #6's targets, judged for one size. */
export function verdicts(s: SizeResult): Verdict[] {
  const ms = (n: number) => `${n} ms`;
  const loadOk = (l: LoadResult) => l.p95 <= 100 && l.non2xx === 0 && l.errors === 0;
  return [
    {
      target: "ingest ≥ 5,000 papers/s",
      value: `${s.ingest.papersPerSecond.toLocaleString("en-US")}/s`,
      ok: s.ingest.papersPerSecond >= 5000,
    },
    {
      target: "first search ≤ 3 s after start",
      value: `${s.server.startToFirstSearchSeconds} s`,
      ok: s.server.startToFirstSearchSeconds <= 3,
    },
    {
      target: "search p95 in-process ≤ 1/10 of MiniSearch p95",
      value: `${ms(s.inProcess.search.p95)} vs ${ms(s.inProcess.minisearch.p95)} (${s.inProcess.ratioP95}×)`,
      ok: s.inProcess.ratioP95 <= 0.1,
    },
    { target: "search p95 over HTTP ≤ 50 ms", value: ms(s.http.api.p95), ok: s.http.api.p95 <= 50 },
    {
      target: "listing p95 ≤ 100 ms at 20 connections, no errors",
      value: `${ms(s.load.listing.p95)}, ${s.load.listing.non2xx + s.load.listing.errors} bad`,
      ok: loadOk(s.load.listing),
    },
    {
      target: "detail p95 ≤ 100 ms at 20 connections, no errors",
      value: `${ms(s.load.detail.p95)}, ${s.load.detail.non2xx + s.load.detail.errors} bad`,
      ok: loadOk(s.load.detail),
    },
    { target: "server RSS ≤ 1.5 GB", value: `${s.server.rssMB} MB`, ok: s.server.rssMB <= 1536 },
    { target: "listing JS ≤ 150 KB gz", value: `${s.server.listingJsKBgz} KB`, ok: s.server.listingJsKBgz <= 150 },
    {
      target: "300 new papers searchable ≤ 5 s",
      value: s.newPapers.searchableSeconds === null ? "never" : `${s.newPapers.searchableSeconds} s`,
      ok: s.newPapers.searchableSeconds !== null && s.newPapers.searchableSeconds <= 5,
    },
  ];
}
