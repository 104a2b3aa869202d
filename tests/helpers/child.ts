// Runs a project script as one Node process (`node --import tsx <script>`, no npx
// or tsx launcher in between), so the child a test holds is the process doing the
// work: the one it SIGKILLs, caps the heap of, and reads the peak memory of.
// `npm run ingest` runs the same script through tsx's launcher, which only
// forwards to such a process.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const REPORT_MAX_RSS = path.resolve(import.meta.dirname, "report-max-rss.ts");

export type ChildOptions = {
  env?: Record<string, string>;
  /** Caps the V8 heap (--max-old-space-size), so a runaway allocation fails fast instead of swapping. */
  heapMb?: number;
  /** runMeasured SIGKILLs the child after this long (default 120 s), so a hang fails the test rather than stalling it. */
  timeoutMs?: number;
};

/** Starts `script` with `args`; stdout and stderr are pipes. */
export function startScript(
  script: string,
  args: string[],
  options: ChildOptions = {},
): ChildProcessWithoutNullStreams {
  const heap = options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : [];
  return spawn(process.execPath, [...heap, "--import", "tsx", "--import", REPORT_MAX_RSS, script, ...args], {
    env: { ...process.env, CI: "", ...options.env },
  });
}

export type ChildResult = {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in MB, as the child reported it on exit; null if it died without exiting normally. */
  maxRssMb: number | null;
};

let runs = 0;

/** Runs `script` to the end and reports its exit, output and peak memory. */
export function runMeasured(script: string, args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  const report = path.join(os.tmpdir(), `papershelf-max-rss-${process.pid}-${++runs}`);
  fs.rmSync(report, { force: true });
  const child = startScript(script, args, {
    ...options,
    env: { ...options.env, PAPERSHELF_TEST_MAX_RSS_FILE: report },
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  return finished(child).then((result) => {
    clearTimeout(timer);
    let maxRssMb: number | null = null;
    if (fs.existsSync(report)) {
      maxRssMb = Number(fs.readFileSync(report, "utf8")) / 1024;
      fs.rmSync(report);
    }
    return { ...result, maxRssMb };
  });
}

/** Collects a started child's output until it ends. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<Omit<ChildResult, "maxRssMb">> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}
