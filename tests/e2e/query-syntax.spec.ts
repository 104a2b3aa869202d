// The search box's query syntax on the main server (bundled sample feed):
// "exact phrases", -excluded words, close spellings, partial matches and their
// notices, excerpts that start at the matching sentence, and malformed syntax
// that must never be an error. Expectations come from the JSON API.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

type ApiPaper = { slug: string; url: string; title: string; abstract: string };
type ApiPage = { total: number; page: number; limit: number; results: ApiPaper[] };

const combobox = (page: Page) => page.getByRole("combobox", { name: "Search" });
const cards = (page: Page) => page.getByRole("list", { name: "Papers" }).getByRole("article");
const cardTitleLinks = (page: Page) => cards(page).getByRole("heading", { level: 2 }).getByRole("link");
const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const resultCount = (page: Page) => page.getByTestId("result-count");
const typoNotice = (page: Page) => page.getByRole("main").getByText(/close spellings/);
const partialNotice = (page: Page) => page.getByRole("main").getByText(/contains? some of them/);

async function apiSearch(request: APIRequestContext, q: string, extra = "limit=100"): Promise<ApiPage> {
  const response = await request.get(`/api/papers?q=${encodeURIComponent(q)}&${extra}`);
  expect(response.ok(), q).toBe(true);
  return (await response.json()) as ApiPage;
}

async function paperDetails(request: APIRequestContext, slug: string): Promise<ApiPaper> {
  const response = await request.get(`/api/papers/${slug}`);
  expect(response.ok(), slug).toBe(true);
  return (await response.json()) as ApiPaper;
}

async function cardUrls(page: Page): Promise<string[]> {
  return cardTitleLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

/** Types a query into the header search box and submits it with Enter. */
async function search(page: Page, q: string) {
  await combobox(page).fill(q);
  await combobox(page).press("Enter");
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(q);
  await expect(h1(page)).toHaveText("Search results");
}

/** Lower case, hyphens as spaces, single spaces: how phrases are compared. */
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[-\u2010\u2011]/g, " ")
    .replace(/\s+/g, " ");

test.describe("query syntax", () => {
  test('a "quoted phrase" finds only papers with those words in that order, highlighted', async ({ page, request }) => {
    const phrase = await apiSearch(request, '"model collapse"');
    const words = await apiSearch(request, "model collapse");
    expect(phrase.total).toBeGreaterThan(0);
    expect(phrase.total).toBeLessThan(words.total);
    // Each phrase result really contains the phrase in its title or abstract.
    for (const hit of phrase.results) {
      const paper = await paperDetails(request, hit.slug);
      expect(fold(`${paper.title} \n ${paper.abstract}`), paper.title).toContain("model collapse");
    }
    // The papers only the loose search finds do not.
    const phraseSlugs = new Set(phrase.results.map((p) => p.slug));
    const looseOnly = words.results.filter((p) => !phraseSlugs.has(p.slug));
    expect(looseOnly.length).toBeGreaterThan(0);
    for (const p of looseOnly) expect(fold(`${p.title} \n ${p.abstract}`), p.title).not.toContain("model collapse");

    await page.goto("/");
    await search(page, '"model collapse"');
    await expect(resultCount(page)).toHaveText(
      `${phrase.total} ${phrase.total === 1 ? "paper matches" : "papers match"} “"model collapse"”`,
    );
    await expect(cards(page)).toHaveCount(phrase.total);
    expect(await cardUrls(page)).toEqual(phrase.results.map((p) => p.url));
    await expect(combobox(page)).toHaveValue('"model collapse"');
    for (let i = 0; i < phrase.total; i++) {
      const marks = cards(page).nth(i).locator("mark");
      await expect(marks.first()).toBeVisible();
      for (const text of await marks.allInnerTexts()) expect(text.toLowerCase()).toMatch(/^(model|collaps)/);
    }
    // Both words are marked in the excerpt of every result.
    for (let i = 0; i < phrase.total; i++) {
      const marked = (await cards(page).nth(i).locator("p mark").allInnerTexts()).map((t) => t.toLowerCase());
      expect(
        marked.some((t) => t.startsWith("collaps")),
        phrase.results[i]!.title,
      ).toBe(true);
    }

    // Without quotes the same words find more.
    await search(page, "model collapse");
    await expect(resultCount(page)).toContainText(`${words.total} papers match`);
    await expect(cards(page)).toHaveCount(Math.min(words.total, 20));
  });

  test("-word leaves out papers with that word", async ({ page, request }) => {
    const all = await apiSearch(request, "contrastive");
    const without = await apiSearch(request, "contrastive -CLIP");
    expect(without.total).toBeGreaterThan(0);
    expect(without.total).toBeLessThan(all.total);
    const clipInTitle = /\bCLIP\b/i;
    expect(all.results.some((p) => clipInTitle.test(p.title))).toBe(true);
    for (const p of without.results) expect(p.title).not.toMatch(clipInTitle);
    // Exclusion only removes papers: what is left was in the plain search.
    const allSlugs = new Set(all.results.map((p) => p.slug));
    for (const p of without.results) expect(allSlugs.has(p.slug), p.title).toBe(true);

    await page.goto("/");
    await search(page, "contrastive -CLIP");
    await expect(resultCount(page)).toContainText(`${without.total} papers match “contrastive -CLIP”`);
    await expect(cards(page)).toHaveCount(Math.min(without.total, 20));
    expect(await cardUrls(page)).toEqual(without.results.slice(0, 20).map((p) => p.url));
    for (const title of await cardTitleLinks(page).allInnerTexts()) expect(title).not.toMatch(clipInTitle);
    // The excluded word is never highlighted.
    for (const text of await cards(page).locator("mark").allInnerTexts()) expect(text).not.toMatch(clipInTitle);
  });

  test("a misspelt word still finds Dolma first, with a notice that close spellings were used", async ({
    page,
    request,
  }) => {
    const api = await apiSearch(request, "Dolmq");
    expect(api.results[0]?.title).toMatch(/^Dolma: an Open Corpus/);
    await page.goto("/");
    await search(page, "Dolmq");
    await expect(cardTitleLinks(page).first()).toHaveText(/^Dolma: an Open Corpus/);
    await expect(cardTitleLinks(page).first().locator("mark")).toHaveText(["Dolma"]);
    await expect(typoNotice(page)).toBeVisible();
    await expect(partialNotice(page)).toHaveCount(0);

    // Spelt right, there is no notice.
    await search(page, "Dolma");
    await expect(cardTitleLinks(page).first()).toHaveText(/^Dolma: an Open Corpus/);
    await expect(typoNotice(page)).toHaveCount(0);
    await expect(partialNotice(page)).toHaveCount(0);
  });

  test("when no paper has every word, the results say they contain only some of them", async ({ page, request }) => {
    const q = "Dolma zzqxvwords";
    const api = await apiSearch(request, q);
    expect(api.total).toBeGreaterThan(0);
    expect(api.results[0]?.title).toMatch(/^Dolma:/);
    await page.goto(`/?q=${encodeURIComponent(q)}`);
    await expect(h1(page)).toHaveText("Search results");
    await expect(partialNotice(page)).toBeVisible();
    await expect(resultCount(page)).toHaveText(
      `${api.total} ${api.total === 1 ? "paper matches" : "papers match"} some of the words in “${q}”`,
    );
    expect(await cardUrls(page)).toEqual(api.results.slice(0, 20).map((p) => p.url));
    await expect(typoNotice(page)).toHaveCount(0);
  });

  for (const q of ["autonomous driving lidar", "zzqxv"]) {
    test(`"${q}" shows no unrelated papers as if they matched`, async ({ page, request }) => {
      const api = await apiSearch(request, q);
      const response = await page.goto(`/?q=${encodeURIComponent(q)}`);
      expect(response?.status()).toBe(200);
      await expect(h1(page)).toHaveText("Search results");
      if (api.total === 0) {
        await expect(page.getByRole("heading", { level: 2, name: /^No papers match/ })).toHaveText(
          `No papers match “${q}”`,
        );
        await expect(page.getByRole("list", { name: "Papers" })).toHaveCount(0);
        await expect(resultCount(page)).toHaveText(`0 papers match “${q}”`);
      } else {
        // Weak matches are allowed only when marked as such.
        await expect(partialNotice(page)).toBeVisible();
        await expect(resultCount(page)).toContainText("some of the words in");
        await expect(cards(page)).toHaveCount(Math.min(api.total, 20));
        // Each shown paper contains at least one of the words (or a form of it: "drives" for "driving").
        for (const p of api.results) {
          const text = fold(`${p.title} ${p.abstract}`);
          expect(
            q.split(" ").some((w) => text.includes(w.slice(0, 4))),
            p.title,
          ).toBe(true);
        }
      }
    });
  }

  test("a result's excerpt starts at the sentence with the matched words", async ({ page, request }) => {
    const q = "snapshot management processes";
    const api = await apiSearch(request, q);
    expect(api.total).toBeGreaterThan(0);
    const first = await paperDetails(request, api.results[0]!.slug);
    // The words are well into the abstract, so its opening would not show them.
    const at = first.abstract.toLowerCase().indexOf("snapshot management processes");
    expect(at).toBeGreaterThan(320);

    await page.goto(`/?q=${encodeURIComponent(q)}`);
    await expect(cardTitleLinks(page).first()).toHaveAttribute("href", first.url);
    const excerpt = cards(page).first().getByRole("paragraph");
    await expect(excerpt).toHaveCount(1);
    await expect(excerpt).toHaveText(/^…/);
    await expect(excerpt).toContainText("snapshot management processes");
    const marks = (await excerpt.locator("mark").allInnerTexts()).map((t) => t.toLowerCase());
    for (const word of ["snapshot", "management", "processes"]) expect(marks, word).toContain(word);
    // What follows the ellipsis is text from the middle of the abstract.
    const shown = (await excerpt.innerText()).replace(/^…\s*/, "").replace(/…$/, "").trim();
    const start = shown.slice(0, 40);
    expect(first.abstract.indexOf(start), start).toBeGreaterThan(0);
    expect(first.abstract.startsWith(start)).toBe(false);
  });

  // Queries with words are searched as plain text; ones with nothing to search ("-", "") list the catalog.
  for (const [q, searched] of [
    ['"unclosed', true],
    ["topic:", true],
    ["-", false],
    ['""', false],
  ] as const) {
    test(`the malformed query ${q} loads a results page, not an error`, async ({ page, request }) => {
      const api = await apiSearch(request, q, "limit=1");
      const response = await page.goto(`/?q=${encodeURIComponent(q)}`);
      expect(response?.status()).toBe(200);
      await expect(h1(page)).toHaveCount(1);
      await expect(h1(page)).toHaveText(searched ? "Search results" : "Trending papers");
      await expect(page.getByText("Something went wrong")).toHaveCount(0);
      await expect(resultCount(page)).toContainText(`${api.total} `);
      if (searched) await expect(resultCount(page)).toContainText(`“${q}”`);
      await expect(combobox(page)).toHaveValue(q);
      await expect(cards(page)).toHaveCount(Math.min(api.total, 20));
    });
  }
});
