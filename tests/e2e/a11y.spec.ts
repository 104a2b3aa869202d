// Keyboard use and page structure on the main server, plus screenshots of the
// main pages at desktop/light and phone/dark for people to look at (no pixel
// assertions).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search" });

async function matesUrl(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/papers?q=MATES&limit=1");
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: { url: string }[] };
  expect(results.length).toBeGreaterThan(0);
  return results[0]!.url;
}

const activeIsInMain = (page: Page) => page.evaluate(() => document.activeElement?.closest("main#main") != null);

/** Presses Tab until `target` has focus (at most `max` times), then expects it to. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, max = 10) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(target).toBeFocused();
}

test.describe("keyboard and structure", () => {
  test("the first Tab focuses a visible Skip to content link that jumps to main", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await expect(skip).toHaveAttribute("href", "#main");

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    // The page scrolled so main starts at the top of the viewport...
    await expect
      .poll(() => page.getByRole("main").evaluate((el) => Math.round(el.getBoundingClientRect().top)))
      .toBeLessThanOrEqual(1);
    // ...and the next Tab lands inside main, past the header and its search box.
    await page.keyboard.press("Tab");
    expect(await activeIsInMain(page)).toBe(true);
    await expect(searchBox(page)).not.toBeFocused();
  });

  test("the search box is reachable by keyboard and Enter submits the search", async ({ page }) => {
    await page.goto("/");
    await tabTo(page, searchBox(page));
    await page.keyboard.type("MATES");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL("/?q=MATES");
    await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
    await expect(
      page.getByRole("list", { name: "Papers" }).getByRole("article").first().getByRole("heading", { level: 2 }),
    ).toHaveText(/^MATES: Model-Aware Data Selection/);

    // The results are reachable by keyboard too: Tab on from the box reaches the first result's title.
    await searchBox(page).focus();
    const firstResult = page.getByRole("list", { name: "Papers" }).getByRole("link").first();
    await tabTo(page, firstResult, 15);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/papers\/mates-/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^MATES:/);
  });

  test("every page has exactly one h1 and one main landmark", async ({ page, request }) => {
    const pages: [string, string | RegExp][] = [
      ["/", "Trending papers"],
      ["/?q=MATES", "Search results"],
      ["/?q=zzqxv", "Search results"],
      [await matesUrl(request), /^MATES:/],
      ["/papers/no-such-paper", "We could not find that page"],
      ["/no/such/route", "We could not find that page"],
    ];
    for (const [url, h1] of pages) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 }), url).toHaveCount(1);
      await expect(page.getByRole("heading", { level: 1 }), url).toHaveText(h1);
      await expect(page.getByRole("main"), url).toHaveCount(1);
      await expect(page.getByRole("banner"), url).toHaveCount(1);
      await expect(page.getByRole("search"), url).toHaveCount(1);
      await expect(page.locator("html"), url).toHaveAttribute("lang", "en");
      expect(await page.title(), url).not.toBe("");
    }
  });
});

test.describe("screenshots", () => {
  const variants = [
    { name: "1280-light", viewport: { width: 1280, height: 900 }, colorScheme: "light" as const },
    { name: "390-dark", viewport: { width: 390, height: 844 }, colorScheme: "dark" as const },
  ];

  for (const v of variants) {
    test(`captures the listing, search results and a paper page at ${v.name}`, async ({ page, request }) => {
      await page.setViewportSize(v.viewport);
      await page.emulateMedia({ colorScheme: v.colorScheme });
      const shots: [string, string, string | RegExp][] = [
        ["listing", "/", "Trending papers"],
        ["search", "/?q=pretraining+data", "Search results"],
        ["paper", await matesUrl(request), /^MATES:/],
      ];
      for (const [name, url, h1] of shots) {
        await page.goto(url);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
        expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(
          v.colorScheme === "dark",
        );
        await page.screenshot({ path: `test-results/screenshots/${name}-${v.name}.png`, fullPage: true });
      }
    });
  }
});
