// Writes while another process holds the catalog's write lock. An ingest of tens
// of thousands of papers holds it in one transaction for many seconds. SQLite's
// busy timeout waits synchronously, freezing the whole server for as long, so
// the server's connection waits only briefly (lib/db/client.ts) and writes that
// meet the lock are tried again after pauses that leave the server free.

/**
 * How long a write keeps trying while another process holds the catalog's
 * write lock. An ingest of tens of thousands of papers holds it in one
 * transaction for well over the connection's busy timeout on a loaded machine;
 * the visitor's click should wait for it, not end on an error page.
 */
export const BUSY_RETRY_MS = 120_000;

/** SQLITE_BUSY as Prisma's better-sqlite3 adapter reports it (P2010 for raw SQL, P1008 otherwise). */
export function isCatalogBusy(error: unknown): boolean {
  const e = error as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  };
  if (!e || typeof e !== "object") return false;
  return (
    e.code === "P1008" ||
    e.meta?.driverAdapterError?.cause?.kind === "SocketTimeout" ||
    /SQLITE_BUSY|database is locked/.test(String(e.message ?? ""))
  );
}

/**
 * Runs a write that is safe to repeat (it either committed or did nothing), and runs it again while the catalog is locked
 * by another writer, for up to BUSY_RETRY_MS. The connection's busy timeout
 * waits first; the pauses between tries leave the server free for other
 * requests. Anything but SQLITE_BUSY is thrown at once.
 */
export async function retryWhileBusy<T>(write: () => Promise<T>, budgetMs: number = BUSY_RETRY_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let pause = 50; ; pause = Math.min(2 * pause, 1000)) {
    try {
      return await write();
    } catch (error) {
      if (!isCatalogBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
