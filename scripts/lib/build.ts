// Whether the production build in .next is missing or older than the sources,
// and running `next build` when it is. Used by `npm start` and `npm test`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** Why a build is needed ("no build yet", "sources changed"), or null when .next is current. */
export function buildNeeded(root: string = process.cwd()): string | null {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "no production build yet";
  const built = fs.statSync(buildId).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Runs `next build` in the foreground; returns its exit code. */
export function runBuild(): number {
  const result = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit" });
  return result.status ?? 1;
}
