// Prisma CLI configuration (schema, migrations folder, database URL).
//
// Papershelf applies its committed migrations itself (lib/db/migrate.ts), so the
// app never needs Prisma's native schema engine. The CLI, however, looks for that
// engine on every command and tries to download it, which fails offline. When no
// native engine is installed and PRISMA_SCHEMA_ENGINE_BINARY is unset, point the
// CLI at scripts/no-schema-engine.mjs: `prisma generate` only needs the file to
// exist, and commands that really need an engine print how to author migrations.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

function hasNativeSchemaEngine(): boolean {
  const dir = path.join(root, "node_modules", "@prisma", "engines");
  try {
    return fs.readdirSync(dir).some((name) => name.startsWith("schema-engine"));
  } catch {
    return false;
  }
}

// Prisma 7 does not read .env; default the SQLite file here as lib/db/url.ts does.
process.env.DATABASE_URL ??= "file:./data/papershelf.db";
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine()) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "scripts", "no-schema-engine.mjs");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
});
