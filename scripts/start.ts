// `npm start`: everything a fresh machine needs, then the server. Applies pending
// migrations, loads the bundled sample feed when the catalog is empty, re-tags
// papers whose topics come from an older taxonomy, builds
// when the build is missing or stale, and serves http://localhost:$PORT (3000)
// on all interfaces, or on $PAPERSHELF_HOST.
// `--no-build` skips the build check (the browser tests build once beforehand).
import { spawn } from "node:child_process";
import path from "node:path";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { summaryLine } from "@/lib/ingest";
import { retagCatalog } from "@/lib/topics/store";
import { buildNeeded, runBuild } from "./lib/build";
import { fail, openCatalog } from "./lib/cli";

function prepareCatalog() {
  const db = openCatalog();
  try {
    const { count } = db.prepare<[], { count: number }>("SELECT count(*) AS count FROM Paper").get()!;
    if (count === 0) {
      const summary = ingestFeedFile(db, SAMPLE_FEED);
      process.stderr.write(`The catalog was empty: loaded the sample feed ${SAMPLE_FEED} (${summaryLine(summary)})\n`);
    }
    // Papers tagged by an older taxonomy (or none, after an upgrade) get today's topics.
    const retag = retagCatalog(db);
    if (retag.checked > 0)
      process.stderr.write(`Re-tagged ${retag.checked} papers with the current topics (${retag.changed} changed)\n`);
  } finally {
    db.close();
  }
}

function main() {
  try {
    prepareCatalog();
  } catch (error) {
    fail("start", error);
  }
  if (!process.argv.includes("--no-build")) {
    const reason = buildNeeded();
    if (reason) {
      process.stderr.write(`Building Papershelf (${reason})...\n`);
      if (runBuild() !== 0) fail("start", "next build failed; see its output above");
    }
  }
  // PORT is read by `next start` itself; the listen address is a flag.
  const host = process.env.PAPERSHELF_HOST ? ["--hostname", process.env.PAPERSHELF_HOST] : [];
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", ...host], {
    stdio: "inherit",
    env: process.env,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main();
