// Search on the main server (bundled sample feed): the header search box, ranked
// results with highlights, typo tolerance, the empty state, sorting a search,
// and the form working without JavaScript.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

type ApiPaper = { slug: string; url: string; title: string };
type ApiPage = { total: number; page: number; limit: number; results: ApiPaper[] };

const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search" });
const cards = (page: Page) => page.getByRole("list", { name: "Papers" }).getByRole("article");
const cardTitleLinks = (page: Page) => cards(page).getByRole("heading", { level: 2 }).getByRole("link");
const sortNav = (page: Page) => page.getByRole("navigation", { name: "Sort" });

async function apiSearch(request: APIRequestContext, query: string): Promise<ApiPage> {
  const response = await request.get(`/api/papers?${query}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as ApiPage;
}

async function cardUrls(page: Page): Promise<string[]> {
  return cardTitleLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

/** Types a query into the header search box and submits it with Enter. */
async function search(page: Page, q: string) {
  await searchBox(page).fill(q);
  await searchBox(page).press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%20/g, "\\+")}(&|$)`));
  await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
}

const matchCount = (total: number, q: string) => `${total} ${total === 1 ? "paper matches" : "papers match"} “${q}”`;

test.describe("search", () => {
  test("finds MATES first, says how many papers match and highlights the matched word", async ({ page, request }) => {
    const api = await apiSearch(request, "q=MATES");
    await page.goto("/");
    await search(page, "MATES");

    await expect(cardTitleLinks(page).first()).toHaveText(/^MATES: Model-Aware Data Selection/);
    await expect(page.getByTestId("result-count")).toHaveText(matchCount(api.total, "MATES"));
    await expect(cards(page)).toHaveCount(Math.min(api.total, 20));

    const marks = cards(page).first().locator("mark");
    await expect(marks.first()).toBeVisible();
    for (const text of await marks.allInnerTexts()) expect(text.toLowerCase()).toBe("mates");
    await expect(cardTitleLinks(page).first().locator("mark")).toHaveText(["MATES"]);

    await expect(page).toHaveTitle(/MATES/);
  });

  test("keeps showing the query in the search box after navigating", async ({ page }) => {
    await page.goto("/");
    await expect(searchBox(page)).toHaveValue("");
    await search(page, "MATES");
    await expect(searchBox(page)).toHaveValue("MATES");

    await page.reload();
    await expect(searchBox(page)).toHaveValue("MATES");

    // A second search replaces the first, and Back brings the first query back into the box.
    await search(page, "pretraining data");
    await expect(searchBox(page)).toHaveValue("pretraining data");
    await page.goBack();
    await expect(page).toHaveURL("/?q=MATES");
    await expect(searchBox(page)).toHaveValue("MATES");

    // Going back to the listing clears the box.
    await page.goBack();
    await expect(page).toHaveURL("/");
    await expect(searchBox(page)).toHaveValue("");
  });

  test("keeps a query typed before the page finished loading and searches for it", async ({ page }) => {
    // Hold back the page's scripts so the typing certainly lands before React hydrates
    // the box (a slow connection); hydration used to reset the box to the URL's query.
    let release!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/**/*.js", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto("/", { waitUntil: "domcontentloaded" });
    await searchBox(page).fill("MATES");
    release();
    await expect
      .poll(() => searchBox(page).evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))))
      .toBe(true);
    await expect(searchBox(page)).toHaveValue("MATES");
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL("/?q=MATES");
    await expect(cardTitleLinks(page).first()).toHaveText(/^MATES: Model-Aware Data Selection/);
  });

  test("still finds Dolma first when the query has a one-letter typo", async ({ page, request }) => {
    const api = await apiSearch(request, "q=Dolmq");
    expect(api.results[0]?.title).toMatch(/^Dolma: an Open Corpus/);
    await page.goto("/");
    await search(page, "Dolmq");
    await expect(cardTitleLinks(page).first()).toHaveText(/^Dolma: an Open Corpus of Three Trillion Tokens/);
    await expect(page.getByTestId("result-count")).toHaveText(matchCount(api.total, "Dolmq"));
  });

  test("shows an empty state with a way back to browsing when nothing matches", async ({ page }) => {
    await page.goto("/?q=zzqxv");
    await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
    await expect(page.getByTestId("result-count")).toHaveText(matchCount(0, "zzqxv"));
    await expect(page.getByRole("heading", { level: 2, name: /^No papers match/ })).toHaveText(
      "No papers match “zzqxv”",
    );
    await expect(page.getByRole("list", { name: "Papers" })).toHaveCount(0);
    await expect(sortNav(page)).toHaveCount(0);
    await expect(searchBox(page)).toHaveValue("zzqxv");

    await page.getByRole("link", { name: "Browse all trending papers" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1, name: "Trending papers" })).toBeVisible();
    await expect(searchBox(page)).toHaveValue("");
  });

  test("sorting a search keeps the query in the URL and in every sort link", async ({ page, request }) => {
    const q = "pretraining";
    const byTitle = await apiSearch(request, `q=${q}&sort=title&limit=20`);
    const byRelevance = await apiSearch(request, `q=${q}&limit=20`);
    expect(byTitle.total).toBeGreaterThan(20);

    await page.goto("/");
    await search(page, q);
    await expect(sortNav(page).getByRole("link", { name: "Relevance", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    expect(await cardUrls(page)).toEqual(byRelevance.results.map((p) => p.url));

    await sortNav(page).getByRole("link", { name: "Title A–Z", exact: true }).click();
    await expect(page).toHaveURL(`/?q=${q}&sort=title`);
    await expect(sortNav(page).getByRole("link", { name: "Title A–Z", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(page.getByTestId("result-count")).toContainText(matchCount(byTitle.total, q));
    expect(await cardUrls(page)).toEqual(byTitle.results.map((p) => p.url));
    await expect(searchBox(page)).toHaveValue(q);

    const sortLinks = sortNav(page).getByRole("link");
    await expect(sortLinks).toHaveText(["Relevance", "Trending", "Newest", "Title A–Z"]);
    for (const href of await sortLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
      expect(new URL(href, "http://x").searchParams.get("q"), href).toBe(q);
    }

    // Paging a sorted search keeps both the query and the sort.
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next", exact: true }).click();
    await expect(page).toHaveURL(`/?q=${q}&sort=title&page=2`);
    const page2 = await apiSearch(request, `q=${q}&sort=title&limit=20&page=2`);
    await expect(cardTitleLinks(page).first()).toHaveText(/\S/);
    await expect.poll(() => cardUrls(page)).toEqual(page2.results.map((p) => p.url));
    await expect(searchBox(page)).toHaveValue(q);
  });

  test("searching from a paper page shows the results for the new query", async ({ page, request }) => {
    const api = await apiSearch(request, "q=Dolma");
    await page.goto("/");
    await page
      .getByRole("list", { name: "Papers" })
      .getByRole("link", { name: /^MATES:/ })
      .click();
    await expect(page).toHaveURL(/\/papers\/mates-/);
    // The paper page has no query, so the box starts empty.
    await expect(searchBox(page)).toHaveValue("");
    await search(page, "Dolma");
    await expect(page.getByTestId("result-count")).toHaveText(matchCount(api.total, "Dolma"));
    await expect(cardTitleLinks(page).first()).toHaveText(/^Dolma: an Open Corpus/);
    await expect(searchBox(page)).toHaveValue("Dolma");
    await expect(page).toHaveTitle(/Dolma/);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the search form still submits and shows results", async ({ page, request }) => {
      const api = await apiSearch(request, "q=MATES");
      await page.goto("/");
      await searchBox(page).fill("MATES");
      await searchBox(page).press("Enter");
      await expect(page).toHaveURL("/?q=MATES");
      await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
      await expect(page.getByTestId("result-count")).toHaveText(matchCount(api.total, "MATES"));
      await expect(cardTitleLinks(page).first()).toHaveText(/^MATES: Model-Aware Data Selection/);
      await expect(searchBox(page)).toHaveValue("MATES");

      // The Search button submits too.
      await searchBox(page).fill("Dolma");
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL("/?q=Dolma");
      await expect(cardTitleLinks(page).first()).toHaveText(/^Dolma: an Open Corpus/);
    });
  });
});
