// Bookmarks while another process writes the catalog: an ingest holds
// SQLite's write lock for its whole transaction, which on a large feed and a
// busy machine lasts longer than the connection's busy timeout. A click in
// that window must be saved once the lock is free, not end on an error page.
// The lock is held here by a second connection, as the ingest's would be.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { context, cookieStore, useBrowser } from "@/tests/helpers/request-context";

vi.mock("next/headers", () => ({ cookies: async () => cookieStore, headers: async () => context.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { toggleBookmark } = await import("@/lib/actions/shelf");
const { allShelfItems, isCatalogBusy } = await import("@/lib/bookmarks");
const { currentVisitorId } = await import("@/lib/visitor");
const { openDatabase } = await import("@/lib/db/sqlite");
const { getPrisma } = await import("@/lib/db/client");
const { ingestFeedFile, SAMPLE_FEED } = await import("@/lib/ingest-file");
const { createTempCatalog } = await import("@/tests/helpers/catalog");

let cat: ReturnType<typeof createTempCatalog>;
beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  process.env.PAPERSHELF_SECRET = "test-secret-".repeat(4);
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
});
afterAll(() => cat.cleanup());

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("a bookmark clicked while an ingest holds the catalog's write lock", () => {
  it("is saved once the lock is released, instead of failing with SQLITE_BUSY", { timeout: 120_000 }, async () => {
    useBrowser(new Map());
    const ingest = openDatabase(cat.file);
    ingest.exec("BEGIN IMMEDIATE");
    // The lock is released when the app's connection has given up waiting for
    // it once (its busy timeout), which the app's Prisma client reports here.
    let busy = 0;
    const watched = getPrisma().$extends({
      query: {
        async $allOperations({ args, query }) {
          try {
            return await query(args);
          } catch (error) {
            if (isCatalogBusy(error) && busy++ === 0) {
              ingest.exec("COMMIT");
              ingest.close();
            }
            throw error;
          }
        },
      },
    });
    (globalThis as { papershelfPrisma?: unknown }).papershelfPrisma = watched;

    const result = await toggleBookmark({ bookmarked: false }, form({ paperId: "1", bookmarked: "true" }));
    expect(busy, "the click met the lock").toBe(1);
    expect(result).toEqual({ bookmarked: true });
    expect((await allShelfItems(await currentVisitorId())).map((i) => i.paper.id)).toEqual([1]);
  });
});

describe("isCatalogBusy", () => {
  it("recognises SQLite's busy error as Prisma reports it, and nothing else", () => {
    expect(isCatalogBusy({ code: "P2010", message: "Raw query failed. Code: `SQLITE_BUSY`." })).toBe(true);
    expect(isCatalogBusy({ code: "P1008", message: "Operation has timed out" })).toBe(true);
    expect(isCatalogBusy({ code: "P2002", message: "Unique constraint failed" })).toBe(false);
    expect(isCatalogBusy(new Error("no such table: Bookmark"))).toBe(false);
    expect(isCatalogBusy(undefined)).toBe(false);
  });
});
