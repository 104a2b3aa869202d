// The app's one Prisma client (SQLite through the better-sqlite3 driver adapter),
// created on first use and kept on globalThis so dev-mode reloads reuse it.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseFile } from "@/lib/db/url";

/**
 * How long a query waits for another process's write lock before it fails with
 * SQLITE_BUSY. Short on purpose: better-sqlite3 waits synchronously, so a long
 * wait would freeze every request while an ingest writes. Writes retry instead
 * (lib/db/busy.ts), pausing without blocking; reads never wait in WAL mode.
 */
export const BUSY_TIMEOUT_MS = 250;

const globalForPrisma = globalThis as unknown as { papershelfPrisma?: PrismaClient };

/** The shared Prisma client for DATABASE_URL as it is on first call. */
export function getPrisma(): PrismaClient {
  globalForPrisma.papershelfPrisma ??= new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: `file:${databaseFile()}`, timeout: BUSY_TIMEOUT_MS }),
  });
  return globalForPrisma.papershelfPrisma;
}
