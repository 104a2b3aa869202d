// `npm test`: every check in order: types (tsc), unit and integration tests
// (Vitest), the production build when stale, server tests (Vitest on the built
// server: concurrency with an ingest, load), the bench smoke run (it completes
// and reports every measurement), browser tests (Playwright). Later
// steps run even when an earlier one failed, so one run shows everything. The
// last line sums all test runners: "N passed, N failed" (a failed type check or
// build counts as one failure). Exits 1 when anything failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { missingMeasurements, type BenchResults } from "./lib/bench-results";
import { buildNeeded, runBuild } from "./lib/build";

const RESULTS = "test-results";
const bin = (name: string) => path.join("node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

type Tally = { name: string; passed: number; failed: number; skipped: number; note?: string };

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function typecheck(): Tally {
  process.stdout.write("\n▶ Type check (tsc --noEmit)\n");
  const ok = run(bin("tsc"), ["--noEmit"]) === 0;
  return { name: "types", passed: 0, failed: ok ? 0 : 1, skipped: 0, note: ok ? "no errors" : "type errors" };
}

function vitest(name: string, args: string[] = []): Tally {
  const out = path.join(RESULTS, `${name}.json`);
  fs.rmSync(out, { force: true });
  const status = run(bin("vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile=${out}`]);
  const json = readJson(out) as { numPassedTests: number; numFailedTests: number; numPendingTests: number } | null;
  if (!json) return { name, passed: 0, failed: 1, skipped: 0, note: `exited ${status} without results` };
  return { name, passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests };
}

function unitTests(): Tally {
  process.stdout.write("\n▶ Unit and integration tests (Vitest)\n");
  return vitest("vitest");
}

// Real server processes under concurrent visitors and ingests: they need the build
// and the whole machine, so they run after the build, one file at a time.
function serverTests(): Tally {
  process.stdout.write("\n▶ Server tests: concurrency and load (Vitest on the production build)\n");
  return vitest("server", ["--config", "vitest.server.config.ts"]);
}

function build(): Tally | null {
  const reason = buildNeeded();
  if (!reason) return null;
  process.stdout.write(`\n▶ Production build for the server and browser tests (${reason})\n`);
  const ok = runBuild() === 0;
  return ok ? null : { name: "build", passed: 0, failed: 1, skipped: 0, note: "next build failed" };
}

/**
 * `npm run bench -- --smoke` on the production build: 1 passed when it ran to the
 * end and wrote every measurement, else 1 failed. Its timings are printed, never judged.
 */
function benchSmoke(): Tally {
  process.stdout.write("\n▶ Bench smoke (npm run bench -- --smoke)\n");
  const out = path.join(RESULTS, "bench-smoke.json");
  fs.rmSync(out, { force: true });
  const status = run(bin("tsx"), ["scripts/bench.ts", "--smoke", "--out", out]);
  const missing = missingMeasurements(readJson(out) as BenchResults | null);
  if (status === 0 && missing.length === 0) return { name: "bench smoke", passed: 1, failed: 0, skipped: 0 };
  const why = missing.length ? `missing ${missing.slice(0, 3).join(", ")}` : `exited ${status}`;
  return { name: "bench smoke", passed: 0, failed: 1, skipped: 0, note: `failed (${why})` };
}

function playwright(): Tally {
  process.stdout.write("\n▶ Browser tests (Playwright)\n");
  const out = path.join(RESULTS, "playwright.json");
  fs.rmSync(out, { force: true });
  const status = run(bin("playwright"), ["test"]);
  const stats = (readJson(out) as { stats?: Record<string, number> } | null)?.stats;
  if (!stats) return { name: "playwright", passed: 0, failed: 1, skipped: 0, note: `exited ${status} without results` };
  return {
    name: "playwright",
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}

function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  const tallies: Tally[] = [typecheck(), unitTests()];
  const buildFailure = build();
  // These need the production build; a failed build is already counted once.
  if (buildFailure) tallies.push(buildFailure);
  else tallies.push(serverTests(), benchSmoke(), playwright());
  process.stdout.write("\nSummary\n");
  for (const t of tallies) {
    const detail = t.note ?? `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`;
    process.stdout.write(`  ${t.name.padEnd(11)} ${detail}\n`);
  }
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
