// The benchmark's ingest step, run in a fresh process (the way `npm run ingest`
// runs): `tsx scripts/lib/bench-ingest.ts <catalog.db> <feed>` migrates the
// catalog, ingests the feed through lib/ingest-file.ts and prints one JSON line
// with the time the ingest itself took (not the process start), so the
// benchmark's own large heap does not slow the measured ingest.
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/sqlite";
import { ingestFeedFile } from "@/lib/ingest-file";

const [dbFile, feed] = process.argv.slice(2);
if (!dbFile || !feed) throw new Error("usage: tsx scripts/lib/bench-ingest.ts <catalog.db> <feed>");
const db = openDatabase(dbFile);
applyMigrations(db);
const start = performance.now();
const summary = ingestFeedFile(db, feed, { today: "2026-11-29" });
const seconds = (performance.now() - start) / 1000;
db.close();
const { added, updated, unchanged, rejected } = summary;
process.stdout.write(`${JSON.stringify({ seconds, added, updated, unchanged, rejected })}\n`);
