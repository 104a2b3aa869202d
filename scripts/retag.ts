// `npm run retag [-- --all]`: recomputes topics and key phrases for papers tagged
// by another version of the taxonomy or rules (with --all: every paper). Run it
// after editing lib/topics/taxonomy.ts; `npm start` also does it on its own.
import cliProgress from "cli-progress";
import { retagCatalog } from "@/lib/topics/store";
import { EXIT, fail, openCatalog, parseCommandLine } from "./lib/cli";

const USAGE = "usage: npm run retag [-- --all]";
const all = Boolean(
  parseCommandLine("retag", USAGE, {
    options: { all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  }).values.all,
);
const db = openCatalog();
const bar =
  process.stderr.isTTY && !process.env.CI
    ? new cliProgress.SingleBar({ stream: process.stderr, clearOnComplete: true })
    : null;
try {
  const report = retagCatalog(db, {
    all,
    onProgress: (done, total) => {
      if (total > 1000 && bar && !bar.isActive) bar.start(total, 0);
      bar?.update(done);
    },
  });
  bar?.stop();
  process.stdout.write(`retagged ${report.checked} papers, ${report.changed} changed\n`);
} catch (error) {
  bar?.stop();
  fail("retag", error);
} finally {
  db.close();
}
