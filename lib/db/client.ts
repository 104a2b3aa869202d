// The app's one Prisma client (SQLite through the better-sqlite3 driver adapter),
// created on first use and kept on globalThis so dev-mode reloads reuse it.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseFile } from "@/lib/db/url";

const globalForPrisma = globalThis as unknown as { papershelfPrisma?: PrismaClient };

/** The shared Prisma client for DATABASE_URL as it is on first call. */
export function getPrisma(): PrismaClient {
  globalForPrisma.papershelfPrisma ??= new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: `file:${databaseFile()}`, timeout: 10_000 }),
  });
  return globalForPrisma.papershelfPrisma;
}
