#!/usr/bin/env node
// Stand-in for Prisma's native schema engine on machines that cannot download it.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here only when no native
// engine is installed. `prisma generate` never runs it; any CLI command that does
// (migrate, db, -v) gets this explanation instead of a download error.
const message = [
  "Papershelf: this machine has no native Prisma schema engine, so Prisma CLI commands that need it cannot run.",
  "  - To apply migrations, run `npm run db:migrate` (Papershelf's own runner; `npm start` and `npm test` do it too).",
  "  - To author a new migration offline, run the CLI with the WASM stand-in:",
  "      PRISMA_SCHEMA_ENGINE_BINARY=/path/to/prisma-schema-engine.mjs npx prisma migrate dev --name <change>",
  "    (the team keeps it at ../shared/tools/prisma-schema-engine.mjs; see README, 'Changing the schema').",
];
if (process.argv.includes("--version")) {
  // The CLI asks for the version first; answer like the native binary so its own message is not a crash.
  process.stdout.write("schema-engine-cli unavailable (papershelf stand-in)\n");
}
process.stderr.write(message.join("\n") + "\n");
process.exit(1);
