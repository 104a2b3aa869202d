// A shelf past a thousand bookmarks (a long-time reader, or an imported
// shelf): Prisma binds at most 999 values per SQLite query, and loading the
// papers, topics and tags of N bookmarks binds N ids, so the shelf must be read
// in parts. A regression test for that: sizes here, not timing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { allShelfItems, listShelf } = await import("@/lib/bookmarks");
const { parseShelfParams } = await import("@/lib/shelf-params");
const { sqlTimestamp } = await import("@/lib/db/sqlite");
const { ingestFeedFile } = await import("@/lib/ingest-file");
const { syntheticFeed } = await import("@/scripts/lib/synthetic-feed");
const { createTempCatalog, writeFeed } = await import("@/tests/helpers/catalog");

const SIZE = 1200;
const VISITOR = "7b0c8f52-0f5e-4d8e-9a53-2f1a6f0d9c11";
let cat: ReturnType<typeof createTempCatalog>;

beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  ingestFeedFile(cat.db, writeFeed(cat.dir, "feed.txt", syntheticFeed(SIZE, 3).text), { date: "2026-11-20" });
  cat.db.prepare(`INSERT INTO Visitor (id, createdAt) VALUES (?, ?)`).run(VISITOR, sqlTimestamp());
  // Paper n bookmarked n seconds after the first: newest first is highest id first.
  const insert = cat.db.prepare(
    `INSERT INTO Bookmark (visitorId, paperId, note, createdAt, updatedAt) VALUES (?, ?, '', ?, ?)`,
  );
  const ids = cat.db.prepare(`SELECT id FROM Paper ORDER BY id`).pluck().all() as number[];
  cat.db.transaction(() => {
    for (const id of ids) {
      const at = sqlTimestamp(new Date(Date.UTC(2026, 10, 29) + id * 1000));
      insert.run(VISITOR, id, at, at);
    }
  })();
});
afterAll(() => cat.cleanup());

describe(`a shelf of ${SIZE.toLocaleString("en-US")} bookmarks`, () => {
  it("exports every bookmark, newest first", async () => {
    const items = await allShelfItems(VISITOR);
    expect(items).toHaveLength(SIZE);
    const ids = items.map((i) => i.paper.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("shows its first and last pages with the whole count", async () => {
    const first = await listShelf(VISITOR, parseShelfParams({}));
    expect(first).toMatchObject({ total: SIZE, shelfSize: SIZE, pageCount: SIZE / 20 });
    const last = await listShelf(VISITOR, parseShelfParams({ page: String(SIZE / 20) }));
    expect(last.items.at(-1)?.paper.id).toBe(Math.min(...(await allShelfItems(VISITOR)).map((i) => i.paper.id)));
  });
});
