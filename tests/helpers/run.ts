// Runs the project's scripts as a user would (`npx tsx scripts/...`), capturing output.
import { spawn, spawnSync } from "node:child_process";

export type RunResult = { status: number | null; stdout: string; stderr: string };

export function runScript(script: string, args: string[], env: Record<string, string> = {}): RunResult {
  const result = spawnSync("npx", ["tsx", script, ...args], {
    env: { ...process.env, CI: "", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like runScript, without blocking this process: needed when the script talks to
 * a server the test itself runs (a fixture HTTP or SMTP server).
 */
export function runScriptAsync(script: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", script, ...args], { env: { ...process.env, CI: "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
