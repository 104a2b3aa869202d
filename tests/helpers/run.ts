// Runs the project's scripts as a user would (`npx tsx scripts/...`), capturing output.
import { spawnSync } from "node:child_process";

export type RunResult = { status: number | null; stdout: string; stderr: string };

export function runScript(script: string, args: string[], env: Record<string, string> = {}): RunResult {
  const result = spawnSync("npx", ["tsx", script, ...args], {
    env: { ...process.env, CI: "", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
