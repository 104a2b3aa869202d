// The trending listing on the main server (bundled sample feed: 94 papers, all
// trending on Mar 11, 2026): count, cards, pagination, sort links and the
// forgiving URL parameters.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const PAGE_SIZE = 20;
const TOTAL = 94;
const LAST_PAGE = Math.ceil(TOTAL / PAGE_SIZE); // 5
const FIRST_TRENDING = "Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing";
const FEED_DAY = "Mar 11, 2026";

type ApiPaper = { slug: string; url: string; title: string; abstract: string; hasCode: boolean };
type ApiPage = { total: number; page: number; limit: number; results: ApiPaper[] };

const paperList = (page: Page) => page.getByRole("list", { name: "Papers" });
const cards = (page: Page) => paperList(page).getByRole("article");
const cardTitleLinks = (page: Page) => cards(page).getByRole("heading", { level: 2 }).getByRole("link");
const pagination = (page: Page) => page.getByRole("navigation", { name: "Pagination" });
const sortNav = (page: Page) => page.getByRole("navigation", { name: "Sort" });

/** The paper URLs (/papers/slug) of the cards on the current page, in order. */
async function cardUrls(page: Page): Promise<string[]> {
  return cardTitleLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

async function apiPage(request: APIRequestContext, query: string): Promise<ApiPage> {
  const response = await request.get(`/api/papers?${query}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as ApiPage;
}

/** Waits until the listing shows page `n` as current. */
async function expectCurrentPage(page: Page, n: number) {
  await expect(pagination(page).getByRole("link", { name: `Page ${n}`, exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByTestId("result-count")).toContainText(`page ${n} of ${LAST_PAGE}`);
}

test.describe("trending listing", () => {
  test("shows 94 papers with 20 cards on the first page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Trending papers" })).toBeVisible();
    await expect(page.getByTestId("result-count")).toContainText(`${TOTAL} papers`);
    await expect(page.getByTestId("result-count")).toContainText(`page 1 of ${LAST_PAGE}`);
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    await expect(cardTitleLinks(page).first()).toHaveText(FIRST_TRENDING);
  });

  test("walks the pagination links to the last page and sees every paper exactly once", async ({ page }) => {
    await page.goto("/");
    const titles: string[] = [];
    const urls: string[] = [];
    for (let n = 1; ; n++) {
      await expectCurrentPage(page, n);
      await expect(cards(page)).toHaveCount(n < LAST_PAGE ? PAGE_SIZE : TOTAL - PAGE_SIZE * (LAST_PAGE - 1));
      titles.push(...(await cardTitleLinks(page).allInnerTexts()).map((t) => t.trim()));
      urls.push(...(await cardUrls(page)));
      const next = pagination(page).getByRole("link", { name: "Next", exact: true });
      if ((await next.count()) === 0) break;
      // The direct "Page N" link and "Next" point at the same URL.
      await expect(pagination(page).getByRole("link", { name: `Page ${n + 1}`, exact: true })).toHaveAttribute(
        "href",
        (await next.getAttribute("href"))!,
      );
      await next.click();
      await expect(page).toHaveURL(new RegExp(`[?&]page=${n + 1}(&|$)`));
    }
    // The last page: 14 cards, "Next" is not a link, "Previous" is.
    await expect(cards(page)).toHaveCount(14);
    await expect(pagination(page).getByText("Next", { exact: true })).toHaveAttribute("aria-disabled", "true");
    await expect(pagination(page).getByRole("link", { name: "Previous", exact: true })).toBeVisible();

    expect(titles).toHaveLength(TOTAL);
    expect(new Set(titles).size).toBe(TOTAL);
    expect(new Set(urls).size).toBe(TOTAL);
    expect(titles[0]).toBe(FIRST_TRENDING);
  });

  test("jumps straight to a page with its numbered link and back with Previous", async ({ page }) => {
    await page.goto("/");
    await pagination(page)
      .getByRole("link", { name: `Page ${LAST_PAGE}`, exact: true })
      .click();
    await expect(page).toHaveURL(`/?page=${LAST_PAGE}`);
    await expectCurrentPage(page, LAST_PAGE);
    await pagination(page).getByRole("link", { name: "Previous", exact: true }).click();
    await expect(page).toHaveURL(`/?page=${LAST_PAGE - 1}`);
    await expectCurrentPage(page, LAST_PAGE - 1);
    // The first page's URL is the bare "/" (defaults are left out).
    await expect(pagination(page).getByRole("link", { name: "Page 1", exact: true })).toHaveAttribute("href", "/");
  });

  test("shows each card's feed date and a Code badge exactly for papers that link to code", async ({
    page,
    request,
  }) => {
    await page.goto("/");
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    // Every paper in the sample feed trended on Mar 11, 2026.
    await expect(cards(page).filter({ hasNotText: FEED_DAY })).toHaveCount(0);
    await expect(cards(page).first().locator("time")).toHaveAttribute("datetime", "2026-03-11");

    const mates = cards(page).filter({ hasText: "MATES: Model-Aware Data Selection" });
    await expect(mates).toHaveCount(1);
    await expect(mates.getByText("Code", { exact: true })).toBeVisible();

    // The badge follows the API's hasCode for the same page, and papers whose
    // abstract links to GitHub are among those with code.
    const api = await apiPage(request, `limit=${PAGE_SIZE}`);
    expect(await cardUrls(page)).toEqual(api.results.map((p) => p.url));
    for (const [i, paper] of api.results.entries()) {
      if (paper.abstract.includes("https://github.com/")) expect(paper.hasCode, paper.title).toBe(true);
      await expect(cards(page).nth(i).getByText("Code", { exact: true }), paper.title).toHaveCount(
        paper.hasCode ? 1 : 0,
      );
    }
    expect(api.results.some((p) => !p.hasCode)).toBe(true);
  });

  test("sort links change the order and keep the sort and page in the URL", async ({ page, request }) => {
    await page.goto("/");
    const trendingUrls = await cardUrls(page);
    await expect(sortNav(page).getByRole("link", { name: "Trending", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(sortNav(page).getByRole("link", { name: "Relevance" })).toHaveCount(0);

    // Title A–Z
    const byTitle = await apiPage(request, "sort=title&limit=100");
    expect(byTitle.total).toBe(TOTAL);
    await sortNav(page).getByRole("link", { name: "Title A–Z", exact: true }).click();
    await expect(page).toHaveURL("/?sort=title");
    await expect(sortNav(page).getByRole("link", { name: "Title A–Z", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(cardTitleLinks(page).first()).toHaveAttribute("href", byTitle.results[0]!.url);
    expect(await cardUrls(page)).toEqual(byTitle.results.slice(0, PAGE_SIZE).map((p) => p.url));
    expect(await cardUrls(page)).not.toEqual(trendingUrls);

    // Paging keeps the sort; reloading the URL gives the same page.
    await pagination(page).getByRole("link", { name: "Next", exact: true }).click();
    await expect(page).toHaveURL("/?sort=title&page=2");
    await expectCurrentPage(page, 2);
    const page2 = byTitle.results.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((p) => p.url);
    expect(await cardUrls(page)).toEqual(page2);
    await page.reload();
    await expectCurrentPage(page, 2);
    expect(await cardUrls(page)).toEqual(page2);

    // A new sort starts again at page 1.
    const newest = await apiPage(request, `sort=newest&limit=${PAGE_SIZE}`);
    await sortNav(page).getByRole("link", { name: "Newest", exact: true }).click();
    await expect(page).toHaveURL("/?sort=newest");
    await expectCurrentPage(page, 1);
    expect(await cardUrls(page)).toEqual(newest.results.map((p) => p.url));

    await sortNav(page).getByRole("link", { name: "Trending", exact: true }).click();
    await expect(page).toHaveURL("/");
    await expectCurrentPage(page, 1);
    expect(await cardUrls(page)).toEqual(trendingUrls);
  });

  test("Title A–Z lists titles in alphabetical order, ignoring case and punctuation", async ({ request }) => {
    const { results } = await apiPage(request, "sort=title&limit=100");
    const key = (t: string) =>
      t
        .toLowerCase()
        .replace(/\$[^$]*\$/g, "")
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim();
    const keys = results.map((p) => key(p.title));
    for (let i = 1; i < keys.length; i++) {
      expect(keys[i - 1]! <= keys[i]!, `"${results[i - 1]!.title}" sorts before "${results[i]!.title}"`).toBe(true);
    }
  });

  test("invalid page and sort parameters fall back to the first trending page, not an error", async ({ page }) => {
    const response = await page.goto("/?page=abc&sort=bogus");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Trending papers" })).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expectCurrentPage(page, 1);
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    await expect(cardTitleLinks(page).first()).toHaveText(FIRST_TRENDING);
    await expect(sortNav(page).getByRole("link", { name: "Trending", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
  });

  test("a page number past the end shows the last page", async ({ page }) => {
    for (const url of ["/?page=999", "/?page=999&sort=title", "/?page=-3", "/?page=1e9"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "Trending papers" })).toBeVisible();
      await expect(page.getByText("Something went wrong")).toHaveCount(0);
    }
    await page.goto("/?page=999");
    await expectCurrentPage(page, LAST_PAGE);
    await expect(cards(page)).toHaveCount(TOTAL - PAGE_SIZE * (LAST_PAGE - 1));
  });
});
