// The LIVE server: a catalog that starts from tests/fixtures/hostile-feed.txt
// (titles and abstracts full of markup and pseudo-links that must render as
// text) and receives an ingest while it runs. Nothing here assumes how many
// papers the catalog holds, so the tests pass in any order.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { LIVE_DB, LIVE_PORT } from "../../playwright.config";

test.use({ baseURL: `http://127.0.0.1:${LIVE_PORT}` });

const SCRIPT_TITLE = '<script>window.__pwned = "title"</script>Markup In Title: A Paper About Escaping';
const IFRAME_TITLE = `Quotes "Double" & 'Single' <iframe src="https://evil.example/"></iframe> in a Title`;
const IMG_MARKUP = `<img src=x onerror="window.__pwned='img'">`;

type ApiPaper = { slug: string; url: string; title: string; abstract: string };

const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search" });
const cards = (page: Page) => page.getByRole("list", { name: "Papers" }).getByRole("article");
const cardTitleLinks = (page: Page) => cards(page).getByRole("heading", { level: 2 }).getByRole("link");

async function allPapers(request: APIRequestContext): Promise<ApiPaper[]> {
  const response = await request.get("/api/papers?limit=100");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { results: ApiPaper[] }).results;
}

async function paperTitled(request: APIRequestContext, title: string): Promise<ApiPaper> {
  const paper = (await allPapers(request)).find((p) => p.title === title);
  expect(paper, `the API lists "${title}"`).toBeDefined();
  return paper!;
}

/** Nothing the page ran set window.__pwned (the fixture's payloads would). */
async function expectNotPwned(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
}

/** Every link in main goes to http(s) or a path on this site; no javascript:, data: or other scheme. */
async function expectOnlySafeLinks(page: Page) {
  const hrefs = await page
    .getByRole("main")
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  for (const href of hrefs) expect(href, "a link's href").toMatch(/^(https?:\/\/|\/(?!\/))/);
  expect(await page.locator("a[href^='javascript:' i], a[href^='data:' i]").count()).toBe(0);
}

/** No element the feed text could have smuggled in exists inside main. */
async function expectNoInjectedElements(page: Page) {
  const main = page.getByRole("main");
  await expect(main.locator("img")).toHaveCount(0);
  await expect(main.locator("iframe")).toHaveCount(0);
  await expect(main.locator("script")).toHaveCount(0);
  await expect(main.locator("b")).toHaveCount(0);
  await expect(main.locator("[onerror]")).toHaveCount(0);
}

test.describe("hostile feed text", () => {
  test("shows markup in titles as visible text on the listing and runs none of it", async ({ page }) => {
    await page.goto("/");
    await expect(cardTitleLinks(page).filter({ hasText: SCRIPT_TITLE })).toHaveCount(1);
    await expect(cardTitleLinks(page).filter({ hasText: SCRIPT_TITLE })).toHaveText(SCRIPT_TITLE);
    await expect(cardTitleLinks(page).filter({ hasText: IFRAME_TITLE })).toHaveText(IFRAME_TITLE);
    await expect(page.getByRole("main")).toContainText(IMG_MARKUP);
    await expectNotPwned(page);
    await expectNoInjectedElements(page);
    await expectOnlySafeLinks(page);
  });

  test("shows markup as text in search results and runs none of it", async ({ page }) => {
    await page.goto("/");
    await searchBox(page).fill("escaping");
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL("/?q=escaping");
    const title = cardTitleLinks(page).filter({ hasText: "Markup In Title" });
    await expect(title).toHaveText(SCRIPT_TITLE);
    await expect(title.locator("mark")).toHaveText(["Escaping"]);
    await expectNotPwned(page);
    await expectNoInjectedElements(page);
    await expectOnlySafeLinks(page);

    // Searching for the markup itself is just text, too.
    await page.goto(`/?q=${encodeURIComponent("<script>alert(1)</script>")}`);
    await expect(searchBox(page)).toHaveValue("<script>alert(1)</script>");
    await expect(page.getByTestId("result-count")).toContainText("“<script>alert(1)</script>”");
    await expectNotPwned(page);
    await expect(page.getByRole("main").locator("script")).toHaveCount(0);
  });

  test("the detail page shows the title and the abstract's markup as text, with only http(s) links", async ({
    page,
    request,
  }) => {
    const paper = await paperTitled(request, SCRIPT_TITLE);
    await page.goto(paper.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SCRIPT_TITLE);
    await expect(page).toHaveTitle(/Markup In Title/);

    const abstract = page.getByRole("region", { name: "Abstract" });
    await expect(abstract).toContainText(IMG_MARKUP);
    await expect(abstract).toContainText("<b>bold tags</b>");
    await expect(abstract).toContainText("javascript:alert(1)");
    await expect(abstract).toContainText("&amp;");
    await expect(abstract).toContainText("&lt;script&gt;");
    await expect(abstract).toContainText("a hostile href");
    // The only link in the abstract is the real https one.
    await expect(abstract.getByRole("link")).toHaveCount(1);
    await expect(abstract.getByRole("link")).toHaveAttribute(
      "href",
      "https://github.com/papershelf-fixtures/escaping-demo",
    );
    // Elsewhere on the page such words may only be links within the site (key phrases search for them).
    for (const href of await page
      .getByRole("link", { name: /hostile href|javascript/i })
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
      expect(href).toMatch(/^\/(?!\/)/);
    }

    await expectNotPwned(page);
    await expectNoInjectedElements(page);
    await expectOnlySafeLinks(page);
  });

  test("the iframe paper's page shows its markup as text and links only https", async ({ page, request }) => {
    const paper = await paperTitled(request, IFRAME_TITLE);
    await page.goto(paper.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(IFRAME_TITLE);
    const abstract = page.getByRole("region", { name: "Abstract" });
    await expect(abstract).toContainText("data:text/html,<script>alert(3)</script>");
    await expect(abstract.getByRole("link")).toHaveCount(1);
    await expect(abstract.getByRole("link")).toHaveAttribute("href", "https://quotes-fixture.github.io/page");
    await expectNotPwned(page);
    await expectNoInjectedElements(page);
    await expectOnlySafeLinks(page);
  });

  test("the API returns the titles exactly as the feed has them", async ({ request }) => {
    const titles = (await allPapers(request)).map((p) => p.title);
    expect(titles).toContain(SCRIPT_TITLE);
    expect(titles).toContain(IFRAME_TITLE);
    const paper = await paperTitled(request, SCRIPT_TITLE);
    expect(paper.abstract).toContain(IMG_MARKUP);
    expect(paper.abstract).toContain("\\href{javascript:alert(2)}{a hostile href}");
    const response = await request.get(`/api/papers/${paper.slug}`);
    expect(response.ok()).toBe(true);
    expect(((await response.json()) as ApiPaper).title).toBe(SCRIPT_TITLE);
  });
});

test.describe("live ingest", () => {
  test("newly ingested papers show up without a restart", async ({ page }) => {
    test.setTimeout(90_000);
    const title = "Zyxwvutron: Ingesting Papers While the Server Runs";
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "papershelf-e2e-"));
    const feed = path.join(dir, "feed.txt");
    await fs.writeFile(
      feed,
      [
        "Trending papers (live ingest test)",
        "",
        "Mar 12",
        "",
        title,
        "",
        "We show that a paper ingested by the command-line tool appears in the running server's listing " +
          "and search without restarting it. The Zyxwvutron method is entirely fictional.",
        "",
      ].join("\n"),
    );

    try {
      const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/ingest.ts", feed, "--date", "2026-03-12"], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: `file:./${LIVE_DB}` },
        timeout: 60_000,
      });
      expect(stdout).toContain("added 1, updated 0, unchanged 0, rejected 0");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }

    // The listing reads the catalog on every request; the newest feed day comes first.
    await expect(async () => {
      await page.goto("/");
      await expect(cardTitleLinks(page).first()).toHaveText(title, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(cards(page).first()).toContainText("Mar 12, 2026");

    // The search index catches up with the catalog within about a second.
    await expect(async () => {
      await page.goto("/?q=Zyxwvutron");
      await expect(cardTitleLinks(page).first()).toHaveText(title, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByTestId("result-count")).toContainText("1 paper matches");

    // Its page works too.
    await cardTitleLinks(page).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("region", { name: "Trending history" })).toContainText("Mar 12, 2026");
  });
});
