#!/usr/bin/env node
// Stand-in for Prisma's native schema engine on machines that cannot download it.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here only when no native
// engine is installed. `prisma generate` never runs it; any CLI command that does
// (migrate, db) gets this explanation instead of a download error. The CLI reads
// an engine's stderr as JSON log lines after the first, so the message is one.
const message = [
  "This machine has no native Prisma schema engine (it cannot be downloaded offline).",
  "To apply migrations, run `npm run db:migrate` (npm start and npm test do it too).",
  "To author a migration, run the CLI with the WASM stand-in:",
  "PRISMA_SCHEMA_ENGINE_BINARY=../shared/tools/prisma-schema-engine.mjs npx prisma migrate dev --name <change>",
  "(README: Changing the schema).",
].join(" ");
process.stderr.write("papershelf: no schema engine\n");
process.stderr.write(
  JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields: { error_code: "P1000", message } }) + "\n",
);
process.exit(1);
