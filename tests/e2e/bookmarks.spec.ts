// Bookmarks on the main server (bundled sample feed): the Bookmark toggle on
// cards and paper pages, the header's shelf count, the shelf (/bookmarks) with
// notes, tags, read state, filters and search, the exports, import, device
// linking, the visitor cookie, and the same flows without JavaScript and from
// the keyboard. Every test starts in its own browser context (a new visitor);
// extra contexts stand for other browsers or devices.
import fs from "node:fs/promises";
import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  type Download,
  type Locator,
  type Page,
} from "@playwright/test";
import { cslDataSchema } from "../helpers/csl-schema";

type ApiPaper = { slug: string; url: string; title: string; arxivId: string | null };
type ApiPage = { total: number; page: number; limit: number; results: ApiPaper[] };
type ShelfExport = {
  format: string;
  version: number;
  exportedAt: string;
  bookmarks: { paper: { slug: string; title: string }; note: string; tags: string[]; readAt: string | null }[];
};

const VISITOR_COOKIE = "papershelf_visitor";
const MAX_NOTE = 2000;
/** Characters BibTeX escapes and markup the title renderer interprets: the tests pick titles without them. */
const NOT_PLAIN = /[\\{}&%$#_~^]/;

// Locators.
const listingCards = (page: Page) => page.getByRole("list", { name: "Papers" }).getByRole("article");
const shelfCards = (page: Page) => page.getByRole("list", { name: "Bookmarked papers" }).getByRole("article");
const cardTitles = (cards: Locator) => cards.getByRole("heading", { level: 2 });
const cardFor = (cards: Locator, title: string) =>
  cards.filter({ has: cards.page().getByRole("heading", { level: 2, name: title, exact: true }) });
const bookmarkButton = (scope: Page | Locator) => scope.getByRole("button", { name: "Bookmark", exact: true });
const shelfLink = (page: Page) =>
  page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: /^Shelf, \d+ bookmarks?$/ });
const shelfCount = (page: Page) => page.getByTestId("shelf-count");
const noteBox = (scope: Page | Locator, title: string) =>
  scope.getByRole("textbox", { name: `Note on ${title}`, exact: true });
const tagList = (scope: Page | Locator, title: string) => scope.getByRole("list", { name: `Tags on ${title}` });
const shelfSearch = (page: Page) => page.getByRole("searchbox", { name: "Search your shelf" });

const papersWord = (n: number) => `${n} ${n === 1 ? "paper" : "papers"}`;
const bookmarksLabel = (n: number) => `Shelf, ${n} ${n === 1 ? "bookmark" : "bookmarks"}`;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Waits until the header says the shelf holds `n` bookmarks (the server's count, not the optimistic one). */
async function expectShelfSize(page: Page, n: number) {
  await expect(shelfLink(page)).toHaveAccessibleName(bookmarksLabel(n));
}

/** The titles on the current shelf page, in order. */
async function shelfTitles(page: Page): Promise<string[]> {
  return (await cardTitles(shelfCards(page)).allInnerTexts()).map((t) => t.trim());
}

async function apiPage(request: APIRequestContext, query: string): Promise<ApiPage> {
  const response = await request.get(`/api/papers?${query}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as ApiPage;
}

/** `n` papers from the first listing page (trending order) whose titles are plain text. */
async function plainPapers(request: APIRequestContext, n: number, skip = 0): Promise<ApiPaper[]> {
  const { results } = await apiPage(request, "limit=20");
  const plain = results.filter((p) => !NOT_PLAIN.test(p.title)).slice(skip, skip + n);
  expect(plain, "enough plain-titled papers on the first page").toHaveLength(n);
  return plain;
}

/** The slugs of every paper the site's search finds for `q`. */
async function searchSlugs(request: APIRequestContext, q: string): Promise<Set<string>> {
  const slugs = new Set<string>();
  for (let page = 1; ; page++) {
    const result = await apiPage(request, `q=${encodeURIComponent(q)}&limit=100&page=${page}`);
    for (const p of result.results) slugs.add(p.slug);
    if (page * result.limit >= result.total) return slugs;
  }
}

/** A new browser context (another browser) on the main server. */
async function newContext(browser: Browser, options: BrowserContextOptions = {}) {
  return browser.newContext({ baseURL: test.info().project.use.baseURL, ...options });
}

/** Bookmarks the papers from the first listing page, one after another, waiting for the server each time. */
async function bookmarkFromListing(page: Page, papers: ApiPaper[]) {
  await page.goto("/");
  const before = Number((await shelfLink(page).getAttribute("aria-label"))!.match(/\d+/)![0]);
  for (const [i, paper] of papers.entries()) {
    const button = bookmarkButton(cardFor(listingCards(page), paper.title));
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await expectShelfSize(page, before + i + 1);
  }
}

/** Clicks a download link and returns the download, its text, and a copy saved under its suggested name. */
async function download(page: Page, link: Locator): Promise<{ download: Download; text: string; file: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(await download.failure()).toBeNull();
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  return { download, text: await fs.readFile(file, "utf8"), file };
}

/** Presses Tab until `target` has focus (at most `max` times), then expects it to. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Saves a note on a shelf card and waits for the confirmation. */
async function saveNote(page: Page, title: string, note: string) {
  const card = cardFor(shelfCards(page), title);
  await noteBox(card, title).fill(note);
  await card.getByRole("button", { name: "Save note" }).click();
  await expect(card.getByRole("status")).toHaveText("Note saved.");
}

/** Adds a tag to a shelf card and waits until the card shows it. */
async function addTag(page: Page, title: string, tag: string) {
  const card = cardFor(shelfCards(page), title);
  await card.getByRole("textbox", { name: `Add a tag to ${title}`, exact: true }).fill(tag);
  await card.getByRole("button", { name: "Add tag", exact: true }).click();
  await expect(tagList(card, title).getByRole("link", { name: tag, exact: true })).toBeVisible();
}

test.describe("bookmarks", () => {
  test("bookmarking three papers from the listing presses their buttons at once, counts them in the header and lists them on the shelf newest first", async ({
    page,
    request,
  }) => {
    const papers = await plainPapers(request, 3);
    await page.goto("/");
    await expectShelfSize(page, 0);
    await expect(bookmarkButton(listingCards(page)).and(page.locator("[aria-pressed=true]"))).toHaveCount(0);

    // The first click flips the button while the server has not answered yet.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/*", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      await held;
      await route.fallback();
    });
    const first = bookmarkButton(cardFor(listingCards(page), papers[0]!.title));
    await first.click();
    await expect(first).toHaveAttribute("aria-pressed", "true");
    await expectShelfSize(page, 0);
    release();
    await expectShelfSize(page, 1);
    await page.unrouteAll({ behavior: "wait" });

    for (const [i, paper] of papers.slice(1).entries()) {
      const button = bookmarkButton(cardFor(listingCards(page), paper.title));
      await button.click();
      await expect(button).toHaveAttribute("aria-pressed", "true");
      await expectShelfSize(page, i + 2);
    }
    await expect(shelfLink(page)).toHaveAccessibleName("Shelf, 3 bookmarks");
    await expect(shelfLink(page)).toHaveText(/Shelf\s*3/);

    // After a reload the server remembers exactly these three.
    await page.reload();
    await expectShelfSize(page, 3);
    for (const paper of papers) {
      await expect(bookmarkButton(cardFor(listingCards(page), paper.title))).toHaveAttribute("aria-pressed", "true");
    }
    await expect(bookmarkButton(listingCards(page)).and(page.locator("[aria-pressed=true]"))).toHaveCount(3);

    // The shelf: exactly these titles, the newest bookmark first.
    await shelfLink(page).click();
    await expect(page).toHaveURL("/bookmarks");
    await expect(page.getByRole("heading", { level: 1, name: "Your shelf" })).toBeVisible();
    await expect(shelfCount(page)).toHaveText("3 papers");
    await expect(cardTitles(shelfCards(page))).toHaveText(papers.map((p) => p.title).reverse());
    for (const card of await shelfCards(page).all()) {
      await expect(bookmarkButton(card)).toHaveAttribute("aria-pressed", "true");
    }
  });

  test("another browser sees none of this browser's bookmarks, and this browser's shelf stays as it was", async ({
    page,
    browser,
    request,
  }) => {
    const papers = await plainPapers(request, 2);
    await bookmarkFromListing(page, papers);
    await page.goto("/bookmarks");
    await expect(shelfCount(page)).toHaveText(papersWord(papers.length));
    const mine = await shelfTitles(page);

    const other = await newContext(browser);
    const otherPage = await other.newPage();
    await otherPage.goto("/bookmarks");
    await expect(otherPage.getByRole("heading", { name: "Your shelf is empty" })).toBeVisible();
    await expect(otherPage.getByText(/Press Bookmark on any paper/)).toBeVisible();
    await expect(shelfCount(otherPage)).toHaveText("0 papers");
    await expect(shelfCards(otherPage)).toHaveCount(0);
    await expect(shelfLink(otherPage)).toHaveAccessibleName("Shelf, 0 bookmarks");
    // Nor are the papers pressed in its listing.
    await otherPage.goto("/");
    for (const paper of papers) {
      await expect(bookmarkButton(cardFor(listingCards(otherPage), paper.title))).toHaveAttribute(
        "aria-pressed",
        "false",
      );
    }
    await other.close();

    await page.goto("/bookmarks");
    await expect(shelfCount(page)).toHaveText(papersWord(papers.length));
    expect(await shelfTitles(page)).toEqual(mine);
    await expectShelfSize(page, papers.length);
  });

  test("the visitor cookie is httpOnly and SameSite=Lax, and a tampered cookie reads as an empty shelf, not an error", async ({
    page,
    context,
    request,
  }) => {
    const [paper] = await plainPapers(request, 1);
    await page.goto("/");
    expect((await context.cookies()).find((c) => c.name === VISITOR_COOKIE)).toBeUndefined();
    await bookmarkFromListing(page, [paper!]);

    const cookie = (await context.cookies()).find((c) => c.name === VISITOR_COOKIE);
    expect(cookie, "the first bookmark sets the visitor cookie").toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe("Lax");
    expect(cookie!.path).toBe("/");
    // Plain http here, so not Secure; it lasts for months, not the session.
    expect(cookie!.secure).toBe(false);
    expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 24 * 60 * 60 * 1000);
    expect(await page.evaluate(() => document.cookie)).not.toContain(VISITOR_COOKIE);

    const [visitorId, signature] = cookie!.value.split(".") as [string, string];
    const flip = (c: string) => (c === "A" ? "B" : "A");
    const tampered = [
      `${visitorId}.${flip(signature[0]!)}${signature.slice(1)}`, // altered signature
      `${crypto.randomUUID()}.${signature}`, // someone else's id with this signature
      visitorId, // no signature at all
    ];
    for (const value of tampered) {
      await context.addCookies([{ ...cookie!, value }]);
      const response = await page.goto("/bookmarks");
      expect(response?.status(), value).toBe(200);
      await expect(page.getByRole("heading", { name: "Your shelf is empty" })).toBeVisible();
      await expect(shelfCount(page)).toHaveText("0 papers");
      await expectShelfSize(page, 0);
    }

    // The shelf itself is intact: the genuine cookie finds it again.
    await context.addCookies([cookie!]);
    await page.goto("/bookmarks");
    await expect(cardTitles(shelfCards(page))).toHaveText([paper!.title]);
    await expectShelfSize(page, 1);
  });

  test("un-bookmarking on the shelf removes the paper, and pressing Bookmark in two tabs at once keeps one entry", async ({
    page,
    context,
    request,
  }) => {
    const [gone, kept, twice] = await plainPapers(request, 3);
    await bookmarkFromListing(page, [gone!, kept!]);

    await page.goto("/bookmarks");
    await expect(shelfCount(page)).toHaveText("2 papers");
    const button = bookmarkButton(cardFor(shelfCards(page), gone!.title));
    await button.click();
    await expectShelfSize(page, 1);
    await page.reload();
    await expect(shelfCount(page)).toHaveText("1 paper");
    await expect(cardTitles(shelfCards(page))).toHaveText([kept!.title]);

    // The same paper page in two tabs of this browser; Bookmark pressed in both.
    const tabs = [page, await context.newPage()];
    await Promise.all(tabs.map((tab) => tab.goto(twice!.url)));
    for (const tab of tabs) await expect(bookmarkButton(tab)).toHaveAttribute("aria-pressed", "false");
    await Promise.all(tabs.map((tab) => bookmarkButton(tab).click()));
    for (const tab of tabs) {
      await expect(bookmarkButton(tab)).toHaveAttribute("aria-pressed", "true");
      await expectShelfSize(tab, 2);
    }
    await page.goto("/bookmarks");
    await expect(shelfCount(page)).toHaveText("2 papers");
    await expect(cardFor(shelfCards(page), twice!.title)).toHaveCount(1);
    expect((await shelfTitles(page)).sort()).toEqual([kept!.title, twice!.title].sort());
  });

  test("a note is saved and kept, an over-long note is refused, and a tag can be added, filtered by, renamed and removed", async ({
    page,
    request,
  }) => {
    const [noted, other] = await plainPapers(request, 2);
    const title = noted!.title;
    await bookmarkFromListing(page, [noted!, other!]);
    await page.goto("/bookmarks");
    const card = cardFor(shelfCards(page), title);

    // A note, kept across a reload.
    const note = "Compare with the baseline in section 4; read the appendix first.";
    await saveNote(page, title, note);
    await page.reload();
    await expect(noteBox(card, title)).toHaveValue(note);

    // Too long: the count turns red, the server explains, the stored note stays.
    const long = "x".repeat(MAX_NOTE + 1);
    await noteBox(card, title).fill(long);
    await expect(
      card.getByText(`${(MAX_NOTE + 1).toLocaleString("en-US")} / ${MAX_NOTE.toLocaleString("en-US")}`),
    ).toBeVisible();
    await card.getByRole("button", { name: "Save note" }).click();
    await expect(card.getByRole("alert")).toHaveText(
      `Notes are limited to ${MAX_NOTE.toLocaleString("en-US")} characters; this one has ${(MAX_NOTE + 1).toLocaleString("en-US")}.`,
    );
    await page.reload();
    await expect(noteBox(card, title)).toHaveValue(note);

    // A tag, then the shelf filtered by it.
    const tag = "reading-group";
    await addTag(page, title, tag);
    const tagNav = page.getByRole("navigation", { name: "Filter by tag" });
    const tagLink = tagNav.getByRole("link", { name: new RegExp(`^${escapeRegExp(tag)}\\s*1$`) });
    await tagLink.click();
    await expect(page).toHaveURL(`/bookmarks?tag=${tag}`);
    await expect(tagLink).toHaveAttribute("aria-current", "true");
    await expect(shelfCount(page)).toHaveText("1 of 2 papers");
    await expect(cardTitles(shelfCards(page))).toHaveText([title]);
    // The active tag link clears the filter.
    await tagLink.click();
    await expect(page).toHaveURL("/bookmarks");
    await expect(shelfCount(page)).toHaveText("2 papers");

    // Renamed across the shelf.
    const renamed = "journal-club";
    await page.getByRole("combobox", { name: "Tag to rename" }).selectOption(tag);
    await page.getByRole("textbox", { name: "New name" }).fill(renamed);
    await page.getByRole("button", { name: "Rename", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Renamed" })).toHaveText(
      `Renamed “${tag}” to “${renamed}” on 1 paper.`,
    );
    await expect(tagList(card, title).getByRole("link")).toHaveText([renamed]);
    await expect(tagNav.getByRole("link")).toHaveText([new RegExp(`^${escapeRegExp(renamed)}\\s*1$`)]);
    await page.reload();
    await expect(tagList(card, title).getByRole("link")).toHaveText([renamed]);

    // Removed.
    await card.getByRole("button", { name: `Remove tag ${renamed}`, exact: true }).click();
    await expect(tagList(card, title)).toHaveCount(0);
    await expect(tagNav).toHaveCount(0);
    await page.reload();
    await expect(tagList(card, title)).toHaveCount(0);
    await expect(noteBox(card, title)).toHaveValue(note);
  });

  test("marking a paper read shows when, Unread only hides it, and marking it unread brings it back", async ({
    page,
    request,
  }) => {
    const [read, unread] = await plainPapers(request, 2);
    await bookmarkFromListing(page, [read!, unread!]);
    await page.goto("/bookmarks");
    const card = cardFor(shelfCards(page), read!.title);
    await expect(card.getByText("Unread", { exact: true })).toBeVisible();

    await card.getByRole("button", { name: "Mark as read" }).click();
    await expect(card.getByRole("button", { name: "Mark as unread" })).toBeVisible();
    await expect(card.getByText(/^Read [A-Z][a-z]{2} \d{1,2}, \d{4}$/)).toBeVisible();
    await page.reload();
    await expect(card.getByRole("button", { name: "Mark as unread" })).toBeVisible();

    const unreadOnly = page.getByRole("link", { name: "Unread only" });
    await unreadOnly.click();
    await expect(page).toHaveURL("/bookmarks?unread=1");
    await expect(unreadOnly).toHaveAttribute("aria-current", "true");
    await expect(shelfCount(page)).toHaveText("1 of 2 papers");
    await expect(cardTitles(shelfCards(page))).toHaveText([unread!.title]);

    await unreadOnly.click();
    await expect(page).toHaveURL("/bookmarks");
    await expect(shelfCount(page)).toHaveText("2 papers");
    await card.getByRole("button", { name: "Mark as unread" }).click();
    await expect(card.getByRole("button", { name: "Mark as read" })).toBeVisible();
    await expect(card.getByText("Unread", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Unread only" }).click();
    await expect(page).toHaveURL("/bookmarks?unread=1");
    await expect(shelfCount(page)).toHaveText("2 of 2 papers");
  });

  test("searching the shelf finds a bookmarked paper by a word of its title and by a word of its note", async ({
    page,
    request,
  }) => {
    const papers = await plainPapers(request, 3);
    const [byTitle, , byNote] = papers as [ApiPaper, ApiPaper, ApiPaper];
    await bookmarkFromListing(page, papers);
    await page.goto("/bookmarks");
    const noteWord = "zygomorphic";
    await saveNote(page, byNote.title, `Ask about the ${noteWord} ablation.`);

    // The longest word of the first title.
    const titleWord = byTitle.title
      .split(/[^A-Za-z]+/)
      .reduce((longest, w) => (w.length > longest.length ? w : longest), "");
    expect(titleWord.length).toBeGreaterThan(4);

    for (const [word, target, notes] of [
      [titleWord, byTitle, new Map<string, string>()],
      [noteWord, byNote, new Map([[byNote.slug, `Ask about the ${noteWord} ablation.`]])],
    ] as const) {
      // Expected: the shelf's papers the site's search finds, plus those whose note holds the word.
      const found = await searchSlugs(request, word);
      const expected = papers
        .filter((p) => found.has(p.slug) || (notes.get(p.slug) ?? "").toLowerCase().includes(word.toLowerCase()))
        .map((p) => p.title);
      expect(expected).toContain(target.title);

      await page.goto("/bookmarks");
      await shelfSearch(page).fill(word);
      await shelfSearch(page).press("Enter");
      await expect(page).toHaveURL(`/bookmarks?q=${word}`);
      await expect(shelfSearch(page)).toHaveValue(word);
      await expect(shelfCount(page)).toHaveText(`${expected.length} of ${papers.length} papers`);
      expect((await shelfTitles(page)).sort()).toEqual([...expected].sort());
    }
  });

  test("exports the shelf as BibTeX, CSL-JSON and JSON, and the JSON imports into another browser while a malformed file changes nothing", async ({
    page,
    browser,
    request,
  }) => {
    test.slow();
    const papers = await plainPapers(request, 3);
    const [annotated] = papers as [ApiPaper];
    const note = "Strong baseline for the reading group";
    const tag = "to-read";
    await bookmarkFromListing(page, papers);
    await page.goto("/bookmarks");
    await saveNote(page, annotated.title, note);
    await addTag(page, annotated.title, tag);
    const titles = await shelfTitles(page);
    expect(titles).toEqual(papers.map((p) => p.title).reverse());

    // BibTeX: one @misc entry per bookmark; the note and tag ride along.
    const bib = await download(page, page.getByRole("link", { name: "BibTeX (.bib)" }));
    expect(bib.download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.bib$/);
    expect(bib.text.match(/^@misc\{/gm)).toHaveLength(papers.length);
    const parsed = parseBibtex(bib.text, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.type)).toEqual(papers.map(() => "misc"));
    expect(parsed.entries.map((e) => e.fields.title)).toEqual(titles);
    const bibEntry = parsed.entries.find((e) => e.fields.title === annotated.title)!;
    expect(bibEntry.fields.note).toBe(note);
    expect(bibEntry.fields.keywords).toEqual([tag]);
    expect(parsed.entries.filter((e) => e.fields.note !== undefined)).toHaveLength(1);

    // CSL-JSON: valid, one item per bookmark.
    const csl = await download(page, page.getByRole("link", { name: "CSL-JSON (Zotero, Pandoc)" }));
    expect(csl.download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.csl\.json$/);
    const items = JSON.parse(csl.text) as { title: string; note?: string; keyword?: string }[];
    expect(cslDataSchema.safeParse(items).success).toBe(true);
    expect(items.map((i) => i.title)).toEqual(titles);
    expect(items.find((i) => i.title === annotated.title)).toMatchObject({ note, keyword: tag });

    // The complete JSON export.
    const json = await download(page, page.getByRole("link", { name: "Everything (JSON, to import elsewhere)" }));
    expect(json.download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(json.text) as ShelfExport;
    expect(exported.format).toBe("papershelf-shelf");
    expect(exported.version).toBe(1);
    expect(exported.bookmarks.map((b) => b.paper.title)).toEqual(titles);
    expect(exported.bookmarks.find((b) => b.paper.slug === annotated.slug)).toMatchObject({ note, tags: [tag] });

    // Imported into another browser: the same titles, in the same order, with the note and tag.
    const other = await newContext(browser);
    const otherPage = await other.newPage();
    await otherPage.goto("/bookmarks");
    await expect(otherPage.getByRole("heading", { name: "Your shelf is empty" })).toBeVisible();
    await otherPage.getByLabel("Shelf export file").setInputFiles(json.file);
    await otherPage.getByRole("button", { name: "Import", exact: true }).click();
    await expect(otherPage.getByRole("status").filter({ hasText: "Imported" })).toHaveText(
      `Imported: ${papers.length} added, 0 already on the shelf.`,
    );
    await expectShelfSize(otherPage, papers.length);
    await otherPage.reload();
    await expect(shelfCount(otherPage)).toHaveText(papersWord(papers.length));
    await expect(cardTitles(shelfCards(otherPage))).toHaveText(titles);
    const importedCard = cardFor(shelfCards(otherPage), annotated.title);
    await expect(noteBox(importedCard, annotated.title)).toHaveValue(note);
    await expect(tagList(importedCard, annotated.title).getByRole("link")).toHaveText([tag]);
    for (const p of papers.slice(1)) {
      await expect(noteBox(otherPage, p.title)).toHaveValue("");
      await expect(tagList(otherPage, p.title)).toHaveCount(0);
    }

    // A JSON file that is not a shelf export: an explanation, and the shelf as it was.
    const malformed = test.info().outputPath("not-a-shelf.json");
    await fs.writeFile(malformed, JSON.stringify({ hello: 1 }));
    await otherPage.getByLabel("Shelf export file").setInputFiles(malformed);
    await otherPage.getByRole("button", { name: "Import", exact: true }).click();
    await expect(otherPage.getByRole("main").getByRole("alert")).toHaveText(
      /^This file is not a Papershelf shelf export/,
    );
    await expectShelfSize(otherPage, papers.length);
    await otherPage.reload();
    await expect(shelfCount(otherPage)).toHaveText(papersWord(papers.length));
    await expect(cardTitles(shelfCards(otherPage))).toHaveText(titles);
    await other.close();
  });

  test("a one-time code links another browser to this shelf, merging that browser's bookmarks, and cannot be used twice", async ({
    page,
    browser,
    request,
  }) => {
    test.slow();
    const [a1, a2, b1] = (await plainPapers(request, 3)) as [ApiPaper, ApiPaper, ApiPaper];
    await bookmarkFromListing(page, [a1, a2]);
    await page.goto("/bookmarks");
    await page.getByRole("button", { name: "Show a code for another device" }).click();
    const code = (await page.getByTestId("link-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // Browser B has a bookmark of its own, then enters the code.
    const contextB = await newContext(browser);
    const pageB = await contextB.newPage();
    await bookmarkFromListing(pageB, [b1]);
    await pageB.goto("/bookmarks");
    await pageB.getByRole("textbox", { name: /^Have a code from another device\?/ }).fill(code);
    await pageB.getByRole("button", { name: "Use code" }).click();
    await expect(pageB.getByRole("status").filter({ hasText: "shelf" })).toHaveText(
      "This browser now shares that shelf.",
    );
    await expectShelfSize(pageB, 3);
    await pageB.reload();
    await expect(shelfCount(pageB)).toHaveText("3 papers");
    expect((await shelfTitles(pageB)).sort()).toEqual([a1.title, a2.title, b1.title].sort());

    // A sees B's paper too: it is one shelf now.
    await page.reload();
    await expect(shelfCount(page)).toHaveText("3 papers");
    expect((await shelfTitles(page)).sort()).toEqual([a1.title, a2.title, b1.title].sort());
    await expectShelfSize(page, 3);

    // The code worked once: a third browser is refused and keeps its empty shelf.
    const contextC = await newContext(browser);
    const pageC = await contextC.newPage();
    await pageC.goto("/bookmarks");
    await pageC.getByRole("textbox", { name: /^Have a code from another device\?/ }).fill(code);
    await pageC.getByRole("button", { name: "Use code" }).click();
    await expect(pageC.getByRole("main").getByRole("alert")).toHaveText(
      "That code is wrong, already used or expired. Ask for a new one.",
    );
    await pageC.reload();
    await expect(pageC.getByRole("heading", { name: "Your shelf is empty" })).toBeVisible();
    await expectShelfSize(pageC, 0);
    await contextB.close();
    await contextC.close();
  });

  test("the paper page has a working Bookmark button and a BibTeX download with the paper's entry", async ({
    page,
    request,
  }) => {
    const [paper] = (await plainPapers(request, 1, 3)) as [ApiPaper];
    await page.goto(paper.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(paper.title);
    const button = bookmarkButton(page);
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await expectShelfSize(page, 1);
    await page.reload();
    await expect(bookmarkButton(page)).toHaveAttribute("aria-pressed", "true");
    await page.goto("/bookmarks");
    await expect(cardTitles(shelfCards(page))).toHaveText([paper.title]);

    await page.goto(paper.url);
    const bib = await download(page, page.getByRole("link", { name: "BibTeX", exact: true }));
    expect(bib.download.suggestedFilename()).toBe(`${paper.slug}.bib`);
    expect(bib.text.match(/^@misc\{/gm)).toHaveLength(1);
    expect(bib.text).toContain(`title = {{${paper.title}}}`);
    const parsed = parseBibtex(bib.text, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.type).toBe("misc");
    expect(parsed.entries[0]!.fields.title).toBe(paper.title);
    if (paper.arxivId) expect(parsed.entries[0]!.fields.eprint).toBe(paper.arxivId);

    // Un-bookmarking on the paper page works as well.
    await bookmarkButton(page).click();
    await expect(bookmarkButton(page)).toHaveAttribute("aria-pressed", "false");
    await expectShelfSize(page, 0);
  });

  test("without JavaScript, Bookmark posts the form and returns to the same page, and the shelf's note and tag forms work", async ({
    browser,
  }) => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    // The second listing page, so "the same page" is not just the home page.
    await page.goto("/?page=2");
    const url = page.url();
    const card = listingCards(page).first();
    const title = (await cardTitles(card).innerText()).trim();
    const button = bookmarkButton(card);
    await expect(button).toHaveAttribute("aria-pressed", "false");

    const posted = page.waitForResponse((r) => r.request().method() === "POST");
    await button.click();
    // Post/redirect/get: the POST answers with a redirect back to this page, so a reload never posts again.
    const response = await posted;
    expect(response.status()).toBe(303);
    expect(new URL(response.headers()["location"]!, url).href).toBe(url);
    await expect(bookmarkButton(cardFor(listingCards(page), title))).toHaveAttribute("aria-pressed", "true");
    expect(page.url()).toBe(url);
    await expectShelfSize(page, 1);
    await page.goto(url);
    await expect(bookmarkButton(cardFor(listingCards(page), title))).toHaveAttribute("aria-pressed", "true");

    // The shelf's forms post as well.
    await page.goto("/bookmarks");
    const shelfCard = cardFor(shelfCards(page), title);
    const note = "Saved without JavaScript";
    await noteBox(shelfCard, title).fill(note);
    const notePosted = page.waitForResponse((r) => r.request().method() === "POST");
    await shelfCard.getByRole("button", { name: "Save note" }).click();
    expect((await notePosted).ok()).toBe(true);
    await expect(shelfCard.getByRole("status")).toHaveText("Note saved.");
    await expect(noteBox(shelfCard, title)).toHaveValue(note);

    const tag = "offline";
    await shelfCard.getByRole("textbox", { name: `Add a tag to ${title}`, exact: true }).fill(tag);
    const tagPosted = page.waitForResponse((r) => r.request().method() === "POST");
    await shelfCard.getByRole("button", { name: "Add tag", exact: true }).click();
    expect((await tagPosted).ok()).toBe(true);
    await expect(tagList(shelfCard, title).getByRole("link")).toHaveText([tag]);

    await page.goto("/bookmarks");
    await expect(noteBox(shelfCard, title)).toHaveValue(note);
    await expect(tagList(shelfCard, title).getByRole("link")).toHaveText([tag]);
    await context.close();
  });

  test("the keyboard reaches a card's Bookmark button, and Space and Enter toggle it", async ({ page }) => {
    await page.goto("/");
    const button = bookmarkButton(listingCards(page).first());
    await expect(button).toHaveAttribute("aria-pressed", "false");

    await tabTo(page, button);
    await page.keyboard.press("Space");
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await expectShelfSize(page, 1);

    // Focus is lost once the server confirms (see the test below), so Tab back to the button first.
    await tabTo(page, button);
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await expectShelfSize(page, 0);
  });

  test("keeps keyboard focus on the Bookmark button after the server confirms the toggle", async ({ page }) => {
    // Regression: the button was keyed on its state, so the refreshed page remounted it and focus dropped to <body>.
    await page.goto("/");
    const button = bookmarkButton(listingCards(page).first());
    await tabTo(page, button);
    await page.keyboard.press("Space");
    await expectShelfSize(page, 1);
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await expect(button).toBeFocused({ timeout: 2_000 });
  });
});
