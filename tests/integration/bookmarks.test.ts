import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { context, cookieStore, useBrowser, type Jar } from "@/tests/helpers/request-context";

vi.mock("next/headers", () => ({ cookies: async () => cookieStore, headers: async () => context.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const {
  addTagToBookmark,
  enterLinkCode,
  importShelfFile,
  makeLinkCode,
  markRead,
  removeTagFromBookmark,
  renameShelfTag,
  saveNote,
  toggleBookmark,
} = await import("@/lib/actions/shelf");
const { addBookmark, allShelfItems, listShelf, removeBookmark } = await import("@/lib/bookmarks");
const { buildShelfExport, createLinkCode, importShelf, redeemLinkCode, LINK_CODE_TTL_MS } =
  await import("@/lib/shelf-transfer");
const { currentVisitorId } = await import("@/lib/visitor");
const { parseShelfParams } = await import("@/lib/shelf-params");
const { getPrisma } = await import("@/lib/db/client");
const { ingestFeedFile, SAMPLE_FEED } = await import("@/lib/ingest-file");
const { createTempCatalog } = await import("@/tests/helpers/catalog");
const { VISITOR_COOKIE } = await import("@/lib/visitor-token");

let cat: ReturnType<typeof createTempCatalog>;
beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  process.env.PAPERSHELF_SECRET = "test-secret-".repeat(4);
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
});
afterAll(() => cat.cleanup());

const form = (fields: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const newBrowser = () => {
  const jar: Jar = new Map();
  useBrowser(jar);
  return jar;
};
const bookmarkRows = () => getPrisma().bookmark.count();
const shelfOf = async () => (await allShelfItems(await currentVisitorId())).map((i) => i.paper.id);
const bookmark = async (paperId: number, on = true) =>
  toggleBookmark({ bookmarked: !on }, form({ paperId: String(paperId), bookmarked: String(on) }));
const firstBookmarkId = async () => (await allShelfItems(await currentVisitorId()))[0]!.bookmarkId;

describe("identity", () => {
  it("gives a browser an identity on its first bookmark, in a signed httpOnly cookie", async () => {
    const jar = newBrowser();
    expect(await currentVisitorId()).toBeNull();
    expect(await bookmark(1)).toEqual({ bookmarked: true });
    expect(jar.get(VISITOR_COOKIE)).toMatch(/^[0-9a-f-]{36}\.[\w-]+$/);
    expect(await shelfOf()).toEqual([1]);
  });

  it("gives a tampered or forged cookie a fresh identity, never someone else's", async () => {
    const alice = newBrowser();
    await bookmark(2);
    const aliceId = await currentVisitorId();
    const mallory = newBrowser();
    mallory.set(VISITOR_COOKIE, `${aliceId}.forged-signature`);
    expect(await currentVisitorId()).toBeNull();
    expect(await shelfOf()).toEqual([]);
    await bookmark(3);
    expect(await currentVisitorId()).not.toBe(aliceId);
    expect(await shelfOf()).toEqual([3]);
    useBrowser(alice);
    expect(await shelfOf()).toEqual([2]);
  });
});

describe("bookmark actions", () => {
  beforeEach(() => void newBrowser());

  it("are idempotent: two adds keep one row, two removes are fine", async () => {
    await bookmark(5);
    await bookmark(5);
    const id = (await currentVisitorId())!;
    expect(await getPrisma().bookmark.count({ where: { visitorId: id } })).toBe(1);
    await bookmark(5, false);
    await bookmark(5, false);
    expect(await getPrisma().bookmark.count({ where: { visitorId: id } })).toBe(0);
  });

  it.each([
    [{ paperId: "abc", bookmarked: "true" }],
    [{ paperId: "-1", bookmarked: "true" }],
    [{ paperId: "1", bookmarked: "maybe" }],
    [{ bookmarked: "true" }],
  ])("reject bad input %o without changing anything", async (fields) => {
    const before = await bookmarkRows();
    const result = await toggleBookmark({ bookmarked: false }, form(fields));
    expect(result.error).toMatch(/not valid/);
    expect(await bookmarkRows()).toBe(before);
  });

  it("send a browser without JavaScript back to the page it came from, so a reload does not post again", async () => {
    const withJs = context.headers;
    context.headers = new Headers({ host: "localhost:3000", referer: "http://localhost:3000/?page=2&sort=title" });
    try {
      const redirected = await bookmark(13).catch((e: Error & { digest?: string }) => e.digest ?? "");
      expect(redirected).toMatch(/^NEXT_REDIRECT;[a-z]+;\/\?page=2&sort=title;/);
      expect(await shelfOf()).toEqual([13]);
      context.headers = new Headers({ host: "localhost:3000", referer: "https://evil.example/phish" });
      expect(await bookmark(13, false).catch((e: Error & { digest?: string }) => e.digest ?? "")).toMatch(
        /^NEXT_REDIRECT;[a-z]+;\/;/,
      );
    } finally {
      context.headers = withJs;
    }
  });

  it("say so when the paper does not exist", async () => {
    expect(await bookmark(999_999)).toEqual({ bookmarked: false, error: "That paper is gone." });
  });

  it("save a note, refuse one that is too long with a clear message, and clear it", async () => {
    await bookmark(6);
    const bookmarkId = String(await firstBookmarkId());
    expect(await saveNote({}, form({ bookmarkId, note: "  Compare with DSIR.  " }))).toEqual({
      ok: true,
      message: "Note saved.",
    });
    expect((await allShelfItems(await currentVisitorId()))[0]!.note).toBe("Compare with DSIR.");
    const tooLong = await saveNote({}, form({ bookmarkId, note: "x".repeat(2001) }));
    expect(tooLong.error).toBe("Notes are limited to 2,000 characters; this one has 2,001.");
    expect((await allShelfItems(await currentVisitorId()))[0]!.note).toBe("Compare with DSIR.");
    expect(await saveNote({}, form({ bookmarkId, note: "" }))).toEqual({ ok: true, message: "Note cleared." });
  });

  it("add, remove and rename tags across the shelf, merging with an existing name", async () => {
    await bookmark(7);
    await bookmark(8);
    const [a, b] = (await allShelfItems(await currentVisitorId())).map((i) => String(i.bookmarkId));
    await addTagToBookmark({}, form({ bookmarkId: a!, tag: "To Read" }));
    await addTagToBookmark({}, form({ bookmarkId: b!, tag: "to read" }));
    await addTagToBookmark({}, form({ bookmarkId: b!, tag: "later" }));
    expect((await addTagToBookmark({}, form({ bookmarkId: a!, tag: "<script>" }))).error).toMatch(/letters, digits/);
    expect(await renameShelfTag({}, form({ from: "to read", to: "later" }))).toMatchObject({
      ok: true,
      message: expect.stringContaining("2 papers"),
    });
    const tags = (await allShelfItems(await currentVisitorId())).map((i) => i.tags);
    expect(tags).toEqual([["later"], ["later"]]);
    await removeTagFromBookmark({}, form({ bookmarkId: a!, tag: "later" }));
    expect((await allShelfItems(await currentVisitorId())).map((i) => i.tags)).toEqual([[], ["later"]]);
  });

  it("mark read and unread, and the shelf can hide what was read", async () => {
    await bookmark(9);
    await bookmark(10);
    const ten = String((await allShelfItems(await currentVisitorId())).find((i) => i.paper.id === 10)!.bookmarkId);
    await markRead({}, form({ bookmarkId: ten, read: "true" }));
    const unread = await listShelf(await currentVisitorId(), parseShelfParams({ unread: "1" }));
    expect(unread.items.map((i) => i.paper.id)).toEqual([9]);
    await markRead({}, form({ bookmarkId: ten, read: "false" }));
    expect((await listShelf(await currentVisitorId(), parseShelfParams({ unread: "1" }))).total).toBe(2);
  });
});

describe("searching the shelf", () => {
  it("finds papers by their text and by the visitor's own notes and tags, word by word", async () => {
    newBrowser();
    await bookmark(60);
    await bookmark(61);
    const sixty = String((await allShelfItems(await currentVisitorId())).find((i) => i.paper.id === 60)!.bookmarkId);
    await saveNote({}, form({ bookmarkId: sixty, note: "Compare this with the quokka baseline soon" }));
    await addTagToBookmark({}, form({ bookmarkId: sixty, tag: "marsupials" }));
    const find = async (q: string) =>
      (await listShelf(await currentVisitorId(), parseShelfParams({ q }))).items.map((i) => i.paper.id);
    expect(await find("baseline quokka")).toEqual([60]);
    expect(await find("marsupials")).toEqual([60]);
    expect(await find("quokka zebra")).toEqual([]);
  });
});

describe("isolation between visitors", () => {
  it("never lets one visitor read or change another's bookmarks", async () => {
    newBrowser();
    await bookmark(11);
    const victimBookmark = String(await firstBookmarkId());
    const victim = await currentVisitorId();
    newBrowser();
    await bookmark(12);
    expect(await saveNote({}, form({ bookmarkId: victimBookmark, note: "pwned" }))).toMatchObject({
      error: expect.any(String),
    });
    expect(await addTagToBookmark({}, form({ bookmarkId: victimBookmark, tag: "pwned" }))).toMatchObject({
      error: expect.any(String),
    });
    expect(await markRead({}, form({ bookmarkId: victimBookmark, read: "true" }))).toMatchObject({
      error: expect.any(String),
    });
    await renameShelfTag({}, form({ from: "pwned", to: "x" }));
    const theirs = await allShelfItems(victim);
    expect(theirs).toEqual([expect.objectContaining({ note: "", tags: [], readAt: null })]);
  });
});

describe("concurrency", () => {
  it("ends 50 concurrent toggles from 5 visitors in the right state with no duplicate rows", async () => {
    const visitors = Array.from({ length: 5 }, () => crypto.randomUUID());
    const before = await bookmarkRows();
    // Each visitor adds papers 20-29, each twice and at once, and removes 25-29 after.
    await Promise.all(visitors.flatMap((v) => Array.from({ length: 10 }, (_, i) => addBookmark(v, 20 + i))));
    await Promise.all(visitors.flatMap((v) => Array.from({ length: 10 }, (_, i) => addBookmark(v, 20 + i))));
    await Promise.all(visitors.flatMap((v) => Array.from({ length: 5 }, (_, i) => removeBookmark(v, 25 + i))));
    expect(await bookmarkRows()).toBe(before + 25);
    for (const v of visitors) {
      const ids = (await allShelfItems(v)).map((i) => i.paper.id).sort((a, b) => a - b);
      expect(ids).toEqual([20, 21, 22, 23, 24]);
    }
  });
});

describe("export and import", () => {
  it("round-trips an export exactly into another browser's shelf", async () => {
    newBrowser();
    for (const id of [30, 31, 32]) await bookmark(id);
    const [a, b] = (await allShelfItems(await currentVisitorId())).map((i) => String(i.bookmarkId));
    await saveNote({}, form({ bookmarkId: a!, note: "First note" }));
    await addTagToBookmark({}, form({ bookmarkId: a!, tag: "group" }));
    await markRead({}, form({ bookmarkId: b!, read: "true" }));
    const exported = buildShelfExport(await allShelfItems(await currentVisitorId()));

    newBrowser();
    const file = new File([JSON.stringify(exported)], "shelf.json", { type: "application/json" });
    expect(await importShelfFile({}, form({ file }))).toEqual({
      ok: true,
      message: "Imported: 3 added, 0 already on the shelf.",
    });
    const again = buildShelfExport(await allShelfItems(await currentVisitorId()));
    expect(again.bookmarks).toEqual(exported.bookmarks);

    // A second import merges: nothing is duplicated.
    expect((await importShelfFile({}, form({ file }))).message).toBe("Imported: 0 added, 3 already on the shelf.");
    expect(await shelfOf()).toHaveLength(3);
  });

  it.each([
    ["not JSON", "{oops", /not JSON/],
    [
      "JSON of another shape",
      JSON.stringify({ hello: "world" }),
      /not a Papershelf shelf export: "format" must be "papershelf-shelf"/,
    ],
    [
      "a bookmark with a bad date",
      JSON.stringify({
        format: "papershelf-shelf",
        version: 1,
        exportedAt: "2026-01-01T00:00:00.000Z",
        bookmarks: [
          {
            paper: { slug: "x", title: "X", arxivId: null },
            note: "",
            tags: [],
            readAt: null,
            bookmarkedAt: "yesterday",
          },
        ],
      }),
      /bookmarks\.0\.bookmarkedAt/,
    ],
  ])("rejects %s with a clear message and changes nothing", async (_, text, message) => {
    newBrowser();
    await bookmark(40);
    const before = await bookmarkRows();
    const result = await importShelfFile({}, form({ file: new File([text], "x.json") }));
    expect(result.error).toMatch(message);
    expect(await bookmarkRows()).toBe(before);
  });

  it("reports papers this catalog does not have instead of inventing them", async () => {
    newBrowser();
    const data = buildShelfExport([]);
    data.bookmarks.push({
      paper: { slug: "elsewhere", title: "A Paper From Another Catalog", arxivId: null },
      note: "",
      tags: [],
      readAt: null,
      bookmarkedAt: "2026-01-01T00:00:00.000Z",
    });
    const report = await importShelf(crypto.randomUUID(), data);
    expect(report).toEqual({
      ok: true,
      added: 0,
      merged: 0,
      skipped: [{ title: "A Paper From Another Catalog", reason: "not in this catalog" }],
    });
  });
});

describe("linking another device", () => {
  it("lets a second browser adopt the shelf with a one-time code, bringing its own bookmarks along", async () => {
    const laptop = newBrowser();
    await bookmark(50);
    const code = await makeLinkCode({}, form({}));
    expect(code.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const laptopId = await currentVisitorId();

    newBrowser();
    await bookmark(51);
    expect(await enterLinkCode({}, form({ code: code.code!.toLowerCase() }))).toMatchObject({ ok: true });
    expect(await currentVisitorId()).toBe(laptopId);
    expect((await shelfOf()).sort()).toEqual([50, 51]);

    useBrowser(laptop);
    expect((await shelfOf()).sort()).toEqual([50, 51]);
  });

  it("refuses a used, expired or wrong code", async () => {
    const owner = crypto.randomUUID();
    const { code } = await createLinkCode(owner);
    expect(await redeemLinkCode(code, null)).toEqual({ ok: true, visitorId: owner });
    expect(await redeemLinkCode(code, null)).toMatchObject({ ok: false });
    const late = await createLinkCode(owner, new Date(Date.now() - LINK_CODE_TTL_MS - 1000));
    expect(await redeemLinkCode(late.code, null)).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    expect(await redeemLinkCode("ZZZZ-ZZZZ", null)).toMatchObject({ ok: false });
    newBrowser();
    expect(await enterLinkCode({}, form({ code: "" }))).toMatchObject({ error: expect.any(String) });
  });
});
