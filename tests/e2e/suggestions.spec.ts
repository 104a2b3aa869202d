// Suggestions as you type in the header search box (an ARIA combobox) on the
// main server: the listbox, moving through it with the arrow keys, opening a
// topic or a paper with Enter, Escape, plain searches with and without
// JavaScript, and /api/suggest. Expected suggestions come from the API.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

type Suggestion = { kind: "query" | "topic" | "paper"; label: string; href: string };

const KIND_LABEL: Record<Suggestion["kind"], string> = { query: "Search", topic: "Topic", paper: "Paper" };
/** Per-keystroke delay: a person typing, so the box asks for suggestions as it goes. */
const TYPING_DELAY = 40;

const combobox = (page: Page) => page.getByRole("combobox", { name: "Search" });
const listbox = (page: Page) => page.getByRole("listbox", { name: "Suggestions" });
const options = (page: Page) => listbox(page).getByRole("option");
const cards = (page: Page) => page.getByRole("list", { name: "Papers" }).getByRole("article");

async function apiSuggest(request: APIRequestContext, q: string): Promise<Suggestion[]> {
  const response = await request.get(`/api/suggest?q=${encodeURIComponent(q)}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { suggestions: Suggestion[] }).suggestions;
}

/** Waits until React has hydrated the search box, so typing reaches its handlers. */
async function waitForHydration(page: Page) {
  await expect
    .poll(() => combobox(page).evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))))
    .toBe(true);
}

/** Opens `path`, types `text` key by key and waits for the suggestions the API has for it. */
async function typeAndWaitForSuggestions(page: Page, request: APIRequestContext, text: string, path = "/") {
  const expected = await apiSuggest(request, text);
  expect(expected.length, `suggestions for "${text}"`).toBeGreaterThan(1);
  await page.goto(path);
  await waitForHydration(page);
  await combobox(page).click();
  await combobox(page).pressSequentially(text, { delay: TYPING_DELAY });
  await expect(combobox(page)).toHaveValue(text);
  await expect(listbox(page)).toBeVisible();
  // The list for the whole text, not for a prefix typed on the way.
  await expect(options(page)).toHaveText(expected.map((s) => `${KIND_LABEL[s.kind]}${s.label}`));
  await expect(combobox(page)).toHaveAttribute("aria-expanded", "true");
  await expect(options(page).and(page.locator('[aria-selected="true"]'))).toHaveCount(0);
  return expected;
}

/** Presses ArrowDown until option `index` is selected, checking selection and aria-activedescendant each step. */
async function arrowDownTo(page: Page, index: number) {
  for (let i = 0; i <= index; i++) {
    await combobox(page).press("ArrowDown");
    await expectSelected(page, i);
  }
}

async function expectSelected(page: Page, index: number) {
  const option = options(page).nth(index);
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(options(page).and(page.locator('[aria-selected="true"]'))).toHaveCount(1);
  const id = await option.getAttribute("id");
  expect(id).toBeTruthy();
  await expect(combobox(page)).toHaveAttribute("aria-activedescendant", id!);
  // The box keeps focus while the selection moves.
  await expect(combobox(page)).toBeFocused();
}

test.describe("search suggestions", () => {
  test("typing shows suggestions, and ArrowDown moves the selection through them and back to the box", async ({
    page,
    request,
  }) => {
    const expected = await typeAndWaitForSuggestions(page, request, "vision lang");
    expect(expected.map((s) => s.kind)).toEqual(expect.arrayContaining(["query", "topic", "paper"]));
    await expect(combobox(page)).toHaveAttribute("aria-controls", (await listbox(page).getAttribute("id"))!);
    await expect(combobox(page)).not.toHaveAttribute("aria-activedescendant");

    await arrowDownTo(page, expected.length - 1);
    // Past the last option the selection goes back to the box and what was typed.
    await combobox(page).press("ArrowDown");
    await expect(options(page).and(page.locator('[aria-selected="true"]'))).toHaveCount(0);
    await expect(combobox(page)).not.toHaveAttribute("aria-activedescendant");
    await expect(combobox(page)).toHaveValue("vision lang");
    // ArrowUp from the box wraps to the last option.
    await combobox(page).press("ArrowUp");
    await expectSelected(page, expected.length - 1);
    await combobox(page).press("ArrowUp");
    await expectSelected(page, expected.length - 2);
  });

  test("Enter on a Topic option opens that topic's listing", async ({ page, request }) => {
    const expected = await typeAndWaitForSuggestions(page, request, "vision lang");
    const index = expected.findIndex((s) => s.kind === "topic");
    expect(index).toBeGreaterThanOrEqual(0);
    const topic = expected[index]!;
    expect(topic.href).toMatch(/^\/\?topic=[a-z0-9-]+$/);
    await expect(options(page).nth(index)).toHaveText(`Topic${topic.label}`);

    await arrowDownTo(page, index);
    await combobox(page).press("Enter");
    await expect(page).toHaveURL(topic.href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic.label);
    await expect(listbox(page)).toBeHidden();
    const slug = new URL(topic.href, "http://x").searchParams.get("topic")!;
    const response = await request.get(`/api/papers?topic=${slug}&limit=1`);
    const { total } = (await response.json()) as { total: number };
    await expect(page.getByTestId("result-count")).toContainText(`${total} papers`);
  });

  for (const typed of ["Dolm", "MATE"]) {
    test(`Enter on a Paper option for "${typed}" opens that paper's page`, async ({ page, request }) => {
      const expected = await typeAndWaitForSuggestions(page, request, typed);
      const index = expected.findIndex((s) => s.kind === "paper");
      expect(index).toBeGreaterThanOrEqual(0);
      const paper = expected[index]!;
      expect(paper.label.toLowerCase()).toContain(typed.toLowerCase());
      expect(paper.href).toMatch(/^\/papers\/[a-z0-9-]+$/);

      await arrowDownTo(page, index);
      await combobox(page).press("Enter");
      await expect(page).toHaveURL(paper.href);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(paper.label);
    });
  }

  test("Escape closes the suggestions and Enter then searches for what was typed", async ({ page, request }) => {
    await typeAndWaitForSuggestions(page, request, "vision lang");
    await combobox(page).press("ArrowDown");
    await expectSelected(page, 0);
    await combobox(page).press("Escape");
    await expect(listbox(page)).toBeHidden();
    await expect(combobox(page)).toHaveAttribute("aria-expanded", "false");
    await expect(combobox(page)).not.toHaveAttribute("aria-activedescendant");
    await expect(combobox(page)).toHaveValue("vision lang");
    await expect(page).toHaveURL("/");

    await combobox(page).press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("vision lang");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search results");
    await expect(page.getByTestId("result-count")).toContainText("“vision lang”");
  });

  test("Enter with no option selected submits the plain search", async ({ page, request }) => {
    const typed = "vision lang";
    await typeAndWaitForSuggestions(page, request, typed);
    const response = await request.get(`/api/papers?q=${encodeURIComponent(typed)}&limit=20`);
    const api = (await response.json()) as { total: number; results: { url: string }[] };

    await combobox(page).press("Enter");
    await expect(page).toHaveURL("/?q=vision+lang");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search results");
    await expect(page.getByTestId("result-count")).toContainText(`${api.total} papers match “${typed}”`);
    await expect(cards(page)).toHaveCount(Math.min(api.total, 20));
    const urls = await cards(page)
      .getByRole("heading", { level: 2 })
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(urls).toEqual(api.results.map((p) => p.url));
    await expect(combobox(page)).toHaveValue(typed);
    await expect(listbox(page)).toBeHidden();
  });

  test("clicking an option opens it too", async ({ page, request }) => {
    const expected = await typeAndWaitForSuggestions(page, request, "MATE");
    const index = expected.findIndex((s) => s.kind === "paper");
    await options(page).nth(index).click();
    await expect(page).toHaveURL(expected[index]!.href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(expected[index]!.label);
  });

  test("without JavaScript the box is a plain search form", async ({ browser, request, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    try {
      const page = await context.newPage();
      const api = (await (await request.get("/api/papers?q=Dolma&limit=1")).json()) as {
        total: number;
        results: { title: string }[];
      };
      await page.goto("/");
      await combobox(page).click();
      await combobox(page).pressSequentially("Dolma", { delay: TYPING_DELAY });
      await expect(listbox(page)).toBeHidden();
      await combobox(page).press("Enter");
      await expect(page).toHaveURL("/?q=Dolma");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search results");
      await expect(page.getByTestId("result-count")).toContainText(
        `${api.total} ${api.total === 1 ? "paper matches" : "papers match"} “Dolma”`,
      );
      await expect(cards(page).first().getByRole("heading", { level: 2 })).toHaveText(
        api.results[0]!.title.replace(/\$/g, ""),
      );
      await expect(combobox(page)).toHaveValue("Dolma");
    } finally {
      await context.close();
    }
  });

  test("/api/suggest suggests the Dolma paper for Dolm and needs q", async ({ request }) => {
    const dolma = (await (await request.get("/api/papers?q=Dolma&limit=1")).json()) as {
      results: { url: string; title: string }[];
    };
    const suggestions = await apiSuggest(request, "Dolm");
    const paper = suggestions.find((s) => s.kind === "paper" && s.href === dolma.results[0]!.url);
    expect(paper, JSON.stringify(suggestions)).toBeDefined();
    expect(paper!.label).toBe(dolma.results[0]!.title);
    expect(paper!.label).toMatch(/^Dolma: an Open Corpus/);

    for (const path of ["/api/suggest", "/api/suggest?x=1"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(response.headers()["content-type"]).toContain("application/json");
      const body = (await response.json()) as { error?: unknown };
      expect(typeof body.error).toBe("string");
      expect(body.error).not.toBe("");
    }
    // Too short to suggest anything is not an error.
    expect(await apiSuggest(request, "D")).toEqual([]);
  });
});
