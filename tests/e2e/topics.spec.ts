// Topics on the main server (bundled sample feed): topic chips on cards and
// paper pages, the topic facets beside the results (and in "Filter by topic" on
// narrow screens), combining topic filters with each other and with q, sort and
// page, topic:<slug> in the search box, the /topics page, key phrases and the
// words related papers share. Expectations come from the JSON API.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";

type TopicRef = { slug: string; name: string };
type ApiPaper = {
  slug: string;
  url: string;
  title: string;
  topics: TopicRef[];
  keyPhrases: string[];
  related?: { slug: string; url: string; title: string; shared: string[] }[];
};
type ApiPage = { total: number; page: number; limit: number; results: ApiPaper[] };
type ApiTopic = TopicRef & {
  description: string;
  count: number;
  url: string;
  top: { slug: string; url: string; title: string }[];
};

const PAGE_SIZE = 20;

const paperList = (page: Page) => page.getByRole("list", { name: "Papers" });
const cards = (page: Page) => paperList(page).getByRole("article");
const cardTitleLinks = (page: Page) => cards(page).getByRole("heading", { level: 2 }).getByRole("link");
const facetNav = (page: Page) => page.getByRole("navigation", { name: "Topics" });
const facetLinks = (page: Page) => facetNav(page).getByRole("link");
const activeFilters = (page: Page) => page.getByRole("list", { name: "Active topic filters" });
const sortNav = (page: Page) => page.getByRole("navigation", { name: "Sort" });
const pagination = (page: Page) => page.getByRole("navigation", { name: "Pagination" });
const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A facet link by topic name ("Name, 12 papers", maybe ", selected: remove filter"). */
const facet = (page: Page, name: string) =>
  facetNav(page).getByRole("link", {
    name: new RegExp(`^${escapeRe(name)}, \\d+ papers?(, selected: remove filter)?$`),
  });

async function api<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok(), path).toBe(true);
  return (await response.json()) as T;
}
const apiPapers = (request: APIRequestContext, query: string) => api<ApiPage>(request, `/api/papers?${query}`);
const apiTopics = async (request: APIRequestContext) =>
  (await api<{ topics: ApiTopic[] }>(request, "/api/topics")).topics;

async function hrefs(links: Locator): Promise<string[]> {
  return links.evaluateAll((els) => els.map((a) => a.getAttribute("href") ?? ""));
}
const cardUrls = (page: Page) => hrefs(cardTitleLinks(page));

/** The facets shown: name, count (from the link's own text) and href, in order. */
async function shownFacets(page: Page): Promise<{ name: string; count: number; href: string; label: string }[]> {
  await expect(facetLinks(page).first()).toBeVisible();
  return facetLinks(page).evaluateAll((links) =>
    links.map((a) => {
      const spans = a.querySelectorAll("span");
      return {
        name: spans[0]?.textContent ?? "",
        count: Number(spans[1]?.textContent),
        href: a.getAttribute("href") ?? "",
        label: a.getAttribute("aria-label") ?? "",
      };
    }),
  );
}

const params = (href: string) => new URL(href, "http://x").searchParams;

/** Expects every card on the page to carry the given topics as chips. */
async function expectEveryCardHas(page: Page, names: string[]) {
  const n = await cards(page).count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const chips = cards(page).nth(i).getByRole("list", { name: "Topics" }).getByRole("link");
    for (const name of names) await expect(chips.filter({ hasText: name }), `card ${i + 1} has ${name}`).toHaveCount(1);
  }
}

const countText = (total: number) => `${total} ${total === 1 ? "paper" : "papers"}`;

test.describe("topics", () => {
  test("cards show their topics as chips that link to the topic listing", async ({ page, request }) => {
    const api = await apiPapers(request, `limit=${PAGE_SIZE}`);
    await page.goto("/");
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    expect(await cardUrls(page)).toEqual(api.results.map((p) => p.url));
    for (const [i, paper] of api.results.entries()) {
      expect(paper.topics.length, paper.title).toBeGreaterThan(0);
      const chips = cards(page).nth(i).getByRole("list", { name: "Topics" }).getByRole("link");
      await expect(chips, paper.title).toHaveText(paper.topics.map((t) => t.name));
      expect(await hrefs(chips), paper.title).toEqual(paper.topics.map((t) => `/?topic=${t.slug}`));
    }
  });

  test("clicking a topic chip lists that topic's papers under its name", async ({ page, request }) => {
    await page.goto("/");
    const firstCard = cards(page).first();
    const chip = firstCard.getByRole("list", { name: "Topics" }).getByRole("link").first();
    const name = (await chip.textContent())!.trim();
    const slug = params((await chip.getAttribute("href"))!).get("topic")!;
    const api = await apiPapers(request, `topic=${slug}&limit=100`);
    expect(api.total).toBeGreaterThan(0);

    await chip.click();
    await expect(page).toHaveURL(`/?topic=${slug}`);
    await expect(h1(page)).toHaveText(name);
    await expect(page).toHaveTitle(new RegExp(escapeRe(name)));
    await expect(page.getByTestId("result-count")).toContainText(countText(api.total));
    await expect(cards(page)).toHaveCount(Math.min(api.total, PAGE_SIZE));
    expect(await cardUrls(page)).toEqual(api.results.slice(0, PAGE_SIZE).map((p) => p.url));
    await expectEveryCardHas(page, [name]);
    // Every result, not only this page's, is in the topic.
    for (const p of api.results)
      expect(
        p.topics.map((t) => t.slug),
        p.title,
      ).toContain(slug);
    await expect(activeFilters(page).getByRole("link")).toHaveText([`${name} ×`]);
  });

  test("the facets beside a search count each topic's matches, largest first, and agree with the API", async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const q = "pretraining";
    const search = await apiPapers(request, `q=${q}&limit=1`);
    await page.goto(`/?q=${q}`);
    await expect(facetNav(page)).toBeVisible();
    await expect(facetNav(page).getByRole("heading", { level: 2, name: "Topics" })).toBeVisible();
    // The "Filter by topic" disclosure is for narrow screens only.
    await expect(page.getByText("Filter by topic")).toBeHidden();

    // Beside the results, not above or below them.
    const navBox = (await facetNav(page).boundingBox())!;
    const listBox = (await paperList(page).boundingBox())!;
    expect(navBox.x).toBeGreaterThanOrEqual(listBox.x + listBox.width);
    expect(navBox.y).toBeLessThan(listBox.y + listBox.height);

    const facets = await shownFacets(page);
    expect(facets.length).toBeGreaterThan(1);
    const topics = await apiTopics(request);
    for (const [i, f] of facets.entries()) {
      expect(f.count, f.name).toBeGreaterThan(0);
      expect(f.count, f.name).toBeLessThanOrEqual(search.total);
      if (i > 0)
        expect(facets[i - 1]!.count, `${facets[i - 1]!.name} before ${f.name}`).toBeGreaterThanOrEqual(f.count);
      expect(f.label).toBe(`${f.name}, ${countText(f.count)}`);
      // Each facet adds its topic to the current search.
      const slug = params(f.href).get("topic")!;
      expect(topics.find((t) => t.slug === slug)?.name, f.href).toBe(f.name);
      expect(params(f.href).get("q")).toBe(q);
      const filtered = await apiPapers(request, `q=${q}&topic=${slug}&limit=1`);
      expect(f.count, `${f.name}: API total for q=${q}&topic=${slug}`).toBe(filtered.total);
    }
    // Topics with no matching paper are left out, and every topic with one is shown.
    for (const t of topics) {
      if (facets.some((f) => f.name === t.name)) continue;
      expect((await apiPapers(request, `q=${q}&topic=${t.slug}&limit=1`)).total, t.slug).toBe(0);
    }
  });

  test("facets add topic filters that combine, show as selected and come off again", async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/");
    const first = (await shownFacets(page))[0]!;
    const slugA = params(first.href).get("topic")!;
    await facet(page, first.name).click();
    await expect(page).toHaveURL(`/?topic=${slugA}`);
    await expect(h1(page)).toHaveText(first.name);
    await expect(page.getByTestId("result-count")).toContainText(countText(first.count));
    await expect(facet(page, first.name)).toHaveAttribute("aria-current", "true");
    await expect(facet(page, first.name)).toHaveAccessibleName(
      `${first.name}, ${countText(first.count)}, selected: remove filter`,
    );

    // A second topic: the largest facet not yet selected.
    const second = (await shownFacets(page)).find((f) => f.name !== first.name)!;
    const slugB = params(second.href).getAll("topic").at(-1)!;
    expect(params(second.href).getAll("topic")).toEqual([slugA, slugB]);
    const both = await apiPapers(request, `topic=${slugA}&topic=${slugB}&limit=100`);
    expect(both.total).toBe(second.count);
    expect(both.total).toBeGreaterThan(0);

    await facet(page, second.name).click();
    await expect(page).toHaveURL(`/?topic=${slugA}&topic=${slugB}`);
    expect(params(page.url()).getAll("topic")).toEqual([slugA, slugB]);
    await expect(h1(page)).toHaveText(`${first.name} + ${second.name}`);
    await expect(page.getByTestId("result-count")).toContainText(countText(both.total));
    await expect(cards(page)).toHaveCount(Math.min(both.total, PAGE_SIZE));
    expect(await cardUrls(page)).toEqual(both.results.slice(0, PAGE_SIZE).map((p) => p.url));
    await expectEveryCardHas(page, [first.name, second.name]);
    for (const p of both.results)
      expect(
        p.topics.map((t) => t.slug),
        p.title,
      ).toEqual(expect.arrayContaining([slugA, slugB]));
    for (const name of [first.name, second.name]) {
      await expect(facet(page, name)).toHaveAttribute("aria-current", "true");
    }
    await expect(facetLinks(page).and(page.locator('[aria-current="true"]'))).toHaveCount(2);

    // The active filters, each removable.
    const chips = activeFilters(page).getByRole("link");
    await expect(chips).toHaveCount(2);
    await expect(
      activeFilters(page).getByRole("link", { name: `Remove topic filter ${first.name}`, exact: true }),
    ).toBeVisible();
    await expect(
      activeFilters(page).getByRole("link", { name: `Remove topic filter ${second.name}`, exact: true }),
    ).toBeVisible();

    // Clicking a selected facet again removes that filter only.
    await facet(page, first.name).click();
    await expect(page).toHaveURL(`/?topic=${slugB}`);
    const onlyB = await apiPapers(request, `topic=${slugB}&limit=1`);
    await expect(h1(page)).toHaveText(second.name);
    await expect(page.getByTestId("result-count")).toContainText(countText(onlyB.total));
    await expect(facet(page, first.name)).not.toHaveAttribute("aria-current");
    await expect(facet(page, second.name)).toHaveAttribute("aria-current", "true");

    // Removing the last filter with its chip goes back to the whole listing.
    await activeFilters(page)
      .getByRole("link", { name: `Remove topic filter ${second.name}`, exact: true })
      .click();
    await expect(page).toHaveURL("/");
    await expect(h1(page)).toHaveText("Trending papers");
    await expect(activeFilters(page)).toHaveCount(0);
    await expect(facetLinks(page).and(page.locator('[aria-current="true"]'))).toHaveCount(0);
  });

  test("on a narrow screen the facets are inside a Filter by topic disclosure", async ({ page, request }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/?q=pretraining");
    await expect(cards(page).first()).toBeVisible();
    const summary = page.getByText("Filter by topic", { exact: true });
    await expect(summary).toBeVisible();
    await expect(facetNav(page)).toBeHidden();
    await summary.click();
    await expect(facetNav(page)).toBeVisible();
    await expect(facetNav(page)).toHaveCount(1);
    // It sits in the <details>, above the results.
    expect(await facetNav(page).evaluate((nav) => nav.closest("details")?.open)).toBe(true);

    const facets = await shownFacets(page);
    const last = facets.at(-1)!;
    const slug = params(last.href).get("topic")!;
    const api = await apiPapers(request, `q=pretraining&topic=${slug}&limit=${PAGE_SIZE}`);
    expect(api.total).toBe(last.count);
    await facet(page, last.name).click();
    await expect(page).toHaveURL(`/?q=pretraining&topic=${slug}`);
    await expect(cards(page)).toHaveCount(Math.min(api.total, PAGE_SIZE));
    expect(await cardUrls(page)).toEqual(api.results.map((p) => p.url));
    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
  });

  test("a topic filter keeps the query, sort and page in every sort and page link", async ({ page, request }) => {
    const base = "q=data&topic=multimodal&sort=title";
    const all = await apiPapers(request, `${base}&limit=100`);
    const lastPage = Math.ceil(all.total / PAGE_SIZE);
    expect(lastPage, "the combination needs more than one page").toBeGreaterThan(1);

    await page.goto(`/?${base}`);
    await expect(h1(page)).toHaveText("Search results");
    await expect(page.getByTestId("result-count")).toContainText(`${all.total} papers match “data”`);
    await expect(page.getByTestId("result-count")).toContainText(`page 1 of ${lastPage}`);
    await expect(sortNav(page).getByRole("link", { name: "Title A–Z", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(activeFilters(page).getByRole("link")).toHaveCount(1);
    await expect(page.getByRole("combobox", { name: "Search" })).toHaveValue("data");
    expect(await cardUrls(page)).toEqual(all.results.slice(0, PAGE_SIZE).map((p) => p.url));

    // Every sort link keeps q and the topic; every page link keeps all three.
    for (const href of await hrefs(sortNav(page).getByRole("link"))) {
      expect(params(href).get("q"), href).toBe("data");
      expect(params(href).getAll("topic"), href).toEqual(["multimodal"]);
      expect(params(href).get("page"), href).toBeNull();
    }
    const pageLinks = await hrefs(pagination(page).getByRole("link"));
    expect(pageLinks.length).toBeGreaterThan(0);
    for (const href of pageLinks) {
      expect(params(href).get("q"), href).toBe("data");
      expect(params(href).getAll("topic"), href).toEqual(["multimodal"]);
      expect(params(href).get("sort"), href).toBe("title");
    }

    await pagination(page).getByRole("link", { name: "Next", exact: true }).click();
    await expect(page).toHaveURL(`/?${base}&page=2`);
    await expect(page.getByTestId("result-count")).toContainText(`page 2 of ${lastPage}`);
    await expect.poll(() => cardUrls(page)).toEqual(all.results.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((p) => p.url));
    const page2 = await apiPapers(request, `${base}&page=2`);
    expect(await cardUrls(page)).toEqual(page2.results.map((p) => p.url));
    await expectEveryCardHas(page, ["Multimodal & vision-language"]);

    // Results in title order, as the API has them: and a different order from relevance.
    const relevance = await apiPapers(request, "q=data&topic=multimodal&limit=100");
    expect(relevance.total).toBe(all.total);
    expect(new Set(relevance.results.map((p) => p.slug))).toEqual(new Set(all.results.map((p) => p.slug)));
    await sortNav(page).getByRole("link", { name: "Relevance", exact: true }).click();
    await expect(page).toHaveURL("/?q=data&topic=multimodal");
    await expect.poll(() => cardUrls(page)).toEqual(relevance.results.slice(0, PAGE_SIZE).map((p) => p.url));
  });

  test("topic:<slug> typed in the search box filters like ?topic=", async ({ page, request }) => {
    const byParam = await apiPapers(request, `topic=multimodal&limit=${PAGE_SIZE}`);
    const bySyntax = await apiPapers(request, `q=${encodeURIComponent("topic:multimodal")}&limit=${PAGE_SIZE}`);
    expect(bySyntax.total).toBe(byParam.total);
    expect(bySyntax.results.map((p) => p.url)).toEqual(byParam.results.map((p) => p.url));

    await page.goto("/");
    // Typing before hydration races React taking over the box; wait until the page is settled.
    await page.waitForLoadState("networkidle");
    const box = page.getByRole("combobox", { name: "Search" });
    await box.fill("topic:multimodal");
    await box.press("Enter");
    await expect.poll(() => params(page.url()).get("q")).toBe("topic:multimodal");
    await expect(h1(page)).toHaveText("Search results");
    await expect(page.getByTestId("result-count")).toContainText(`${byParam.total} papers match “topic:multimodal”`);
    await expect(cards(page)).toHaveCount(Math.min(byParam.total, PAGE_SIZE));
    expect(await cardUrls(page)).toEqual(byParam.results.map((p) => p.url));
    await expectEveryCardHas(page, ["Multimodal & vision-language"]);
    await expect(activeFilters(page).getByRole("link")).toHaveAccessibleName(
      "Remove topic filter Multimodal & vision-language",
    );

    // Words and topic: combine, as q= with ?topic= does.
    const combined = await apiPapers(request, "q=data&topic=multimodal&limit=100");
    const typed = await apiPapers(request, `q=${encodeURIComponent("data topic:multimodal")}&limit=100`);
    expect(typed.results.map((p) => p.url)).toEqual(combined.results.map((p) => p.url));
  });

  // Regression: removing a topic written as topic:<slug> in the query used to add it as ?topic= instead.
  test("removing a topic that came from topic: in the query takes it off", async ({ page, request }) => {
    const words = await apiPapers(request, "q=data&limit=1");
    await page.goto(`/?q=${encodeURIComponent("topic:multimodal data")}`);
    await expect(activeFilters(page).getByRole("link")).toHaveCount(1);
    await activeFilters(page).getByRole("link", { name: "Remove topic filter Multimodal & vision-language" }).click();
    await expect(page).not.toHaveURL(/topic/, { timeout: 3_000 });
    await expect(page.getByTestId("result-count")).toContainText(`${words.total} papers match`, { timeout: 3_000 });
  });

  test("/topics lists every topic with its description, count and top papers", async ({ page, request }) => {
    const topics = await apiTopics(request);
    expect(topics.length).toBeGreaterThan(1);

    await page.goto("/");
    const site = page.getByRole("navigation", { name: "Site" });
    await site.getByRole("link", { name: "Topics", exact: true }).click();
    await expect(page).toHaveURL("/topics");
    await expect(h1(page)).toHaveText("Topics");
    await expect(page).toHaveTitle(/Topics/);

    const items = page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 2 }) });
    await expect(items).toHaveCount(topics.length);
    const total = (await apiPapers(request, "limit=1")).total;
    for (const [i, t] of topics.entries()) {
      const item = items.nth(i);
      const heading = item.getByRole("heading", { level: 2 });
      await expect(heading, t.slug).toHaveText(new RegExp(`^${escapeRe(t.name)}\\s*${countText(t.count)}$`));
      await expect(heading.getByRole("link"), t.slug).toHaveAttribute("href", t.url);
      expect(t.url).toBe(`/?topic=${t.slug}`);
      await expect(item.getByText(t.description, { exact: true }), t.slug).toBeVisible();
      expect(t.count, t.slug).toBeGreaterThan(0);
      expect(t.count, t.slug).toBeLessThanOrEqual(total);
      expect(t.count, t.slug).toBe((await apiPapers(request, `topic=${t.slug}&limit=1`)).total);

      expect(t.top.length, t.slug).toBeGreaterThan(0);
      expect(t.top.length, t.slug).toBeLessThanOrEqual(Math.min(3, t.count));
      const top = item.getByRole("list", { name: `Top papers in ${t.name}` }).getByRole("link");
      expect(await hrefs(top), t.slug).toEqual(t.top.map((p) => p.url));
    }

    // A top paper's link opens its page, and the paper is in that topic.
    const multimodal = topics.find((t) => t.slug === "multimodal")!;
    const topPaper = multimodal.top[0]!;
    await items
      .filter({ has: page.getByRole("heading", { level: 2, name: new RegExp(`^${escapeRe(multimodal.name)}`) }) })
      .getByRole("list", { name: `Top papers in ${multimodal.name}` })
      .getByRole("link")
      .first()
      .click();
    await expect(page).toHaveURL(topPaper.url);
    const paper = await api<ApiPaper>(request, `/api/papers/${topPaper.slug}`);
    await expect(h1(page)).toHaveText(new RegExp(`^${escapeRe(paper.title.split(/[$:]/)[0]!)}`));
    await expect(page.getByRole("list", { name: "Topics" }).getByRole("link", { name: multimodal.name })).toBeVisible();

    // A topic's name opens its listing.
    await page.goto("/topics");
    await page.getByRole("link", { name: multimodal.name, exact: true }).click();
    await expect(page).toHaveURL(multimodal.url);
    await expect(h1(page)).toHaveText(multimodal.name);
    await expect(page.getByTestId("result-count")).toContainText(countText(multimodal.count));
  });

  test("the paper page shows its topics, key phrases and the words each related paper shares", async ({
    page,
    request,
  }) => {
    const mates = (await apiPapers(request, "q=MATES&limit=1")).results[0]!;
    const paper = await api<ApiPaper>(request, `/api/papers/${mates.slug}`);
    expect(paper.topics.length).toBeGreaterThan(0);
    expect(paper.keyPhrases.length).toBeGreaterThan(0);
    expect(paper.related?.length).toBeGreaterThan(0);

    await page.goto(paper.url);
    const chips = page.getByRole("main").getByRole("list", { name: "Topics" }).getByRole("link");
    await expect(chips).toHaveText(paper.topics.map((t) => t.name));
    expect(await hrefs(chips)).toEqual(paper.topics.map((t) => `/?topic=${t.slug}`));

    const phrases = page.getByRole("region", { name: "Key phrases" });
    await expect(phrases.getByRole("heading", { level: 2, name: "Key phrases" })).toBeVisible();
    await expect(phrases.getByRole("listitem")).toHaveText(paper.keyPhrases);

    const related = page.getByRole("region", { name: "Related papers" }).getByRole("listitem");
    await expect(related).toHaveCount(paper.related!.length);
    for (const [i, r] of paper.related!.entries()) {
      expect(r.shared.length, r.title).toBeGreaterThan(0);
      await expect(related.nth(i).getByRole("link")).toHaveAttribute("href", r.url);
      await expect(related.nth(i).getByText(/^Shares:/)).toHaveText(`Shares: ${r.shared.join(", ")}`);
    }

    // A key phrase is a link to an exact-phrase search that finds this paper.
    const phrase = paper.keyPhrases[0]!;
    await phrases.getByRole("link", { name: phrase, exact: true }).click();
    await expect.poll(() => params(page.url()).get("q")).toBe(`"${phrase}"`);
    await expect(h1(page)).toHaveText("Search results");
    await expect(cardTitleLinks(page).and(page.locator(`[href="${paper.url}"]`))).toHaveCount(1);

    // A topic chip opens the topic's listing, which includes this paper.
    await page.goto(paper.url);
    await chips.first().click();
    await expect(page).toHaveURL(`/?topic=${paper.topics[0]!.slug}`);
    await expect(h1(page)).toHaveText(paper.topics[0]!.name);
    const inTopic = await apiPapers(request, `topic=${paper.topics[0]!.slug}&limit=100`);
    expect(inTopic.results.map((p) => p.slug)).toContain(paper.slug);
  });

  test("an unknown topic in the URL is ignored; the API answers it with a 400", async ({ page, request }) => {
    const listing = await apiPapers(request, `limit=${PAGE_SIZE}`);
    const response = await page.goto("/?topic=astrology");
    expect(response?.status()).toBe(200);
    await expect(h1(page)).toHaveText("Trending papers");
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page.getByTestId("result-count")).toContainText(countText(listing.total));
    await expect(activeFilters(page)).toHaveCount(0);
    expect(await cardUrls(page)).toEqual(listing.results.map((p) => p.url));

    // Alongside a known topic, only the known one filters.
    const multimodal = await apiPapers(request, "topic=multimodal&limit=1");
    await page.goto("/?topic=astrology&topic=multimodal");
    await expect(h1(page)).toHaveText("Multimodal & vision-language");
    await expect(page.getByTestId("result-count")).toContainText(countText(multimodal.total));

    const api = await request.get("/api/papers?topic=astrology");
    expect(api.status()).toBe(400);
    expect(api.headers()["content-type"]).toContain("application/json");
    const body = (await api.json()) as { error?: unknown };
    expect(typeof body.error).toBe("string");
    expect(body.error).toContain("astrology");
  });
});
