// Where the SQLite catalog lives: DATABASE_URL ("file:./data/papershelf.db" by
// default), resolved against the working directory (npm scripts run from the
// project root). Shared by the Prisma client, the migration runner and scripts.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/papershelf.db";

/** Absolute path of the SQLite file named by DATABASE_URL (or the default). Throws for non-file URLs. */
export function databaseFile(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as ${DEFAULT_DATABASE_URL}, got "${url}"`);
  }
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  if (!file) throw new Error("DATABASE_URL names no file");
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), file);
}
