// The paper page on the "sources" server (tests/fixtures/feeds/hf-week.json, two
// weeks of Hugging Face daily papers, then arxiv-query.xml merged in): what the
// live sources say about a paper, its trend chart and history, on desktop and
// phone widths in light and dark mode. Screenshots go to /tmp/shots for people
// to look at (no pixel assertions).
import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SOURCES_PORT } from "../../playwright.config";

test.use({ baseURL: `http://127.0.0.1:${SOURCES_PORT}` });

const RISING = {
  title: "Backtrack to Think: Verifier-Guided Self-Correction in Chain-of-Thought Reasoning",
  repo: "https://github.com/backtrack-lab/backtrack-to-think",
};
const MERGED = { title: "Sparse Mixture-of-Experts for Long-Context Retrieval", arxivId: "2511.01234" };
const ONE_DAY = { title: "Graph Tokenizers for Molecular Language Models" };
const SHOTS = "/tmp/shots";

/** The page URL of the paper titled `title`, from the JSON API (the tests never hard-code slugs). */
async function urlOf(request: APIRequestContext, title: string): Promise<string> {
  const response = await request.get(`/api/papers?q=${encodeURIComponent(title)}&limit=5`);
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: { url: string; title: string }[] };
  const paper = results.find((r) => r.title === title);
  expect(paper, `the API finds "${title}"`).toBeDefined();
  return paper!.url;
}

const history = (page: Page) => page.getByRole("region", { name: "Trending history" });
const days = (page: Page) => history(page).getByRole("list", { name: "Days trending" }).getByRole("listitem");
const details = (page: Page) => page.getByRole("region", { name: "Paper details" });
/** The value (<dd>) of the fact labelled `label` (<dt>). */
const fact = (page: Page, label: string) =>
  details(page)
    .locator("div")
    .filter({ has: page.getByRole("term").getByText(label, { exact: true }) })
    .getByRole("definition");

test.describe("paper page with live sources", () => {
  test("a paper that trended five days shows its rising upvotes as a chart and lists each day", async ({
    page,
    request,
  }) => {
    await page.goto(await urlOf(request, RISING.title));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(RISING.title);

    const chart = history(page).getByRole("img", { name: /^Upvotes by day/ });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleName("Upvotes by day, from 12 on Nov 16 to 150 on Nov 20");
    await expect(days(page)).toHaveText([
      /Fri, Nov 20, 2026\s*#1\s*150 upvotes/,
      /Thu, Nov 19, 2026\s*#1\s*120 upvotes/,
      /Wed, Nov 18, 2026\s*#2\s*85 upvotes/,
      /Tue, Nov 17, 2026\s*#4\s*40 upvotes/,
      /Mon, Nov 16, 2026\s*#5\s*12 upvotes/,
    ]);
    await expect(history(page)).toContainText("From Hugging Face's daily papers.");

    // Fifteen authors: ten shown, five behind "and 5 more".
    const more = page.getByText("and 5 more", { exact: true });
    await expect(more).toBeVisible();
    const fifteenth = await page.evaluate(() => document.querySelector("details p")?.textContent?.split(", ").at(-1));
    expect(fifteenth).toBeTruthy();
    await expect(page.getByText(fifteenth!, { exact: false })).toBeHidden();
    await more.click();
    await expect(page.getByText(fifteenth!, { exact: false })).toBeVisible();

    await expect(fact(page, "Upvotes")).toHaveText("150 on Hugging Face");
    await expect(fact(page, "Code")).toHaveText("github.com/backtrack-lab/backtrack-to-think · 610 stars");
    const repo = fact(page, "Code").getByRole("link");
    await expect(repo).toHaveAttribute("href", RISING.repo);
    await expect(repo).toHaveAttribute("rel", "noopener noreferrer");
    await expect(fact(page, "Project page").getByRole("link")).toHaveAttribute(
      "href",
      "https://backtrack-lab.github.io/think",
    );
    await expect(fact(page, "PDF").getByRole("link")).toHaveAttribute("href", "https://arxiv.org/pdf/2511.04821");
    await expect(fact(page, "Keywords").getByRole("link", { name: "step verifier" })).toBeVisible();
    // Hugging Face gives no categories, DOI or comment: no empty facts for them.
    await expect(fact(page, "arXiv categories")).toHaveCount(0);
    await expect(fact(page, "DOI")).toHaveCount(0);

    const summary = page.getByRole("region", { name: "AI summary" });
    await expect(summary).toContainText("Machine-written by Hugging Face");
    await expect(summary).toContainText("A small step verifier lets language models backtrack");

    // Every external link on the page is http(s) and opens without an opener or referrer.
    const external = page.locator('main a[href^="http"]');
    expect(await external.count()).toBeGreaterThan(4);
    for (const rel of await external.evaluateAll((as) => as.map((a) => a.getAttribute("rel"))))
      expect(rel).toBe("noopener noreferrer");
    await expect(page.locator('main a[href]:not([href^="http"]):not([href^="/"])')).toHaveCount(0);
  });

  test("the paper merged from arXiv shows arXiv's categories, DOI and comment with Hugging Face's upvotes", async ({
    page,
    request,
  }) => {
    await page.goto(await urlOf(request, MERGED.title));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(MERGED.title);

    await expect(fact(page, "arXiv categories").getByRole("listitem")).toHaveText(["cs.CL(primary)", "cs.LG", "cs.IR"]);
    await expect(fact(page, "DOI").getByRole("link", { name: "10.1000/xyz123" })).toHaveAttribute(
      "href",
      "https://doi.org/10.1000/xyz123",
    );
    await expect(fact(page, "Comment")).toHaveText("12 pages, 4 figures; accepted at ICLR 2026");
    await expect(fact(page, "Published")).toHaveText("Nov 3, 2025");
    await expect(fact(page, "Updated")).toHaveText("Nov 5, 2025");
    await expect(fact(page, "arXiv").getByRole("link")).toHaveAttribute(
      "href",
      `https://arxiv.org/abs/${MERGED.arxivId}`,
    );
    await expect(fact(page, "Upvotes")).toHaveText("71 on Hugging Face");
    await expect(fact(page, "Code")).toContainText("230 stars");

    // The chart plots the Hugging Face days; the list also has the arXiv listing day, with sources named.
    await expect(history(page).getByRole("img")).toHaveAccessibleName(
      "Upvotes by day, from 33 on Nov 19 to 71 on Nov 23",
    );
    await expect(days(page)).toHaveText([
      /Mon, Nov 23, 2026\s*Hugging Face\s*#2\s*71 upvotes/,
      /Fri, Nov 20, 2026\s*Hugging Face\s*#3\s*58 upvotes/,
      /Thu, Nov 19, 2026\s*Hugging Face\s*#5\s*33 upvotes/,
      /Mon, Nov 3, 2025\s*arXiv\s*#1\s*–\s*no upvote count/,
    ]);
  });

  test("a paper that trended on one day has no chart, just that day", async ({ page, request }) => {
    await page.goto(await urlOf(request, ONE_DAY.title));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ONE_DAY.title);
    await expect(days(page)).toHaveText([/Mon, Nov 16, 2026\s*#4\s*27 upvotes/]);
    await expect(history(page).getByRole("img")).toHaveCount(0);
    await expect(history(page).locator("svg")).toHaveCount(0);
    // No AI summary from the source: no AI summary section.
    await expect(page.getByRole("region", { name: "AI summary" })).toHaveCount(0);
  });

  test("links in the facts show a focus ring when reached with the keyboard", async ({ page, request }) => {
    await page.goto(await urlOf(request, RISING.title));
    const repo = fact(page, "Code").getByRole("link");
    await repo.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(repo).toBeFocused();
    const outline = await repo.evaluate((a) => getComputedStyle(a).outlineStyle);
    expect(outline).not.toBe("none");
  });

  for (const width of [1280, 390]) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`fits ${width}px in ${colorScheme} mode (screenshots in ${SHOTS})`, async ({ page, request }) => {
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        for (const [name, title] of [
          ["rising", RISING.title],
          ["merged", MERGED.title],
          ["one-day", ONE_DAY.title],
        ] as const) {
          await page.goto(await urlOf(request, title));
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
          expect(scrollWidth, `${name} scrollWidth`).toBeLessThanOrEqual(width);
          await page.screenshot({ path: `${SHOTS}/${name}-${width}-${colorScheme}.png`, fullPage: true });
          await history(page).screenshot({ path: `${SHOTS}/${name}-history-${width}-${colorScheme}.png` });
        }
      });
    }
  }
});
