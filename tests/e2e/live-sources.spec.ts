// The "sources" server (playwright.config.ts): a catalog ingested from
// tests/fixtures/feeds/hf-week.json (Hugging Face daily papers, weekdays of
// 2026-11-16..20 and 2026-11-23..27) and tests/fixtures/feeds/arxiv-query.xml
// (arXiv entries, each trending on the day it was published: 2001-12-19,
// 2025-11-02 and 2025-11-03), with email written to an outbox folder. Day, week
// and month browsing; each listing's Atom feed; the email digest's double
// opt-in; and screenshots for people to look at (no pixel assertions).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { simpleParser, type ParsedMail } from "mailparser";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { SOURCES_OUTBOX, SOURCES_PORT } from "../../playwright.config";

const BASE = `http://127.0.0.1:${SOURCES_PORT}`;
test.use({ baseURL: BASE });

// ---------------------------------------------------------------------------
// What the Hugging Face fixture says: per day, its papers with their upvotes and rank.

type HfItem = { publishedAt: string; title: string; paper: { id: string; title: string; upvotes: number } };
type Trended = { id: string; title: string; upvotes: number; rank: number; day: string };

const TRENDED: Trended[] = (() => {
  const ranks = new Map<string, number>();
  const items = JSON.parse(readFileSync("tests/fixtures/feeds/hf-week.json", "utf8")) as HfItem[];
  return items.map((item) => {
    const day = item.publishedAt.slice(0, 10);
    const rank = (ranks.get(day) ?? 0) + 1;
    ranks.set(day, rank);
    return { id: item.paper.id, title: item.paper.title, upvotes: item.paper.upvotes, rank, day };
  });
})();

/**
 * The titles of the papers that trended from `from` to `to` (inclusive), in the
 * listing's order for a period: most upvotes in the period first, then best
 * rank, then most days.
 */
function expectedTitles(from: string, to = from): string[] {
  const byPaper = new Map<string, { title: string; upvotes: number; rank: number; days: number }>();
  for (const t of TRENDED.filter((t) => t.day >= from && t.day <= to)) {
    const seen = byPaper.get(t.id);
    byPaper.set(t.id, {
      title: t.title,
      upvotes: Math.max(seen?.upvotes ?? -1, t.upvotes),
      rank: Math.min(seen?.rank ?? Infinity, t.rank),
      days: (seen?.days ?? 0) + 1,
    });
  }
  const papers = [...byPaper.values()];
  papers.sort((a, b) => b.upvotes - a.upvotes || a.rank - b.rank || b.days - a.days);
  return papers.map((p) => p.title);
}

const FIXTURE_DAYS = [...new Set(TRENDED.map((t) => t.day))].sort();
const LAST_DAY = FIXTURE_DAYS.at(-1)!; // 2026-11-27
/** The arXiv fixture's days (its entries' publication days), latest first. */
const ARXIV_DAYS = ["2025-11-03", "2025-11-02", "2001-12-19"];

// ---------------------------------------------------------------------------
// Locators and helpers.

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const cards = (page: Page) => page.getByRole("list", { name: "Papers" }).getByRole("article");
const cardTitles = (page: Page) => cards(page).getByRole("heading", { level: 2 });
const periodNav = (page: Page) => page.getByRole("navigation", { name: "Period", exact: true });
const previousDay = (page: Page) => periodNav(page).getByRole("link", { name: "← Previous day", exact: true });
const nextDay = (page: Page) => periodNav(page).getByRole("link", { name: "Next day →", exact: true });
const feedLink = (page: Page) => page.getByRole("main").getByRole("link", { name: "Atom feed", exact: true });
const headFeedLink = (page: Page) => page.locator('head link[rel="alternate"][type="application/atom+xml"]');
const mainAlert = (page: Page) => page.getByRole("main").getByRole("alert");
const mainStatus = (page: Page) => page.getByRole("main").getByRole("status");
const emailBox = (page: Page) => page.getByRole("textbox", { name: "Email address" });
const subscribeButton = (page: Page) => page.getByRole("button", { name: "Subscribe", exact: true });
const topicBoxes = (page: Page) => page.getByRole("group", { name: /^Topics/ }).getByRole("checkbox");

/** A day's URL and heading, e.g. "/?date=2026-11-27" and "Trending on Fri, Nov 27, 2026". */
function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.toLocaleDateString("en-US", { weekday: "short", timeZone: "UTC" });
  const rest = d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  return `${weekday}, ${rest}`;
}

async function expectDay(page: Page, day: string) {
  await expect(page).toHaveURL(`/?date=${day}`);
  await expect(heading(page)).toHaveText(`Trending on ${dayLabel(day)}`);
}

/** Presses Tab until `target` has focus (at most `max` times), then expects it to. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(target).toBeFocused();
}

/**
 * Expects the page to show `pathAndQuery` on the site's own origin: a link in an
 * email must not send its reader to another host (such as the server's
 * "localhost" while the site is at PAPERSHELF_URL).
 */
async function expectLandedOn(page: Page, pathAndQuery: string) {
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(pathAndQuery);
  expect.soft(new URL(page.url()).origin, "the redirect stays on the site's origin").toBe(BASE);
}

/** A fresh address for each run: the outbox and the subscriber table outlive a single test. */
const uniqueAddress = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** The emails in the outbox addressed to `address`, parsed. */
async function mailsTo(address: string): Promise<ParsedMail[]> {
  const dir = path.resolve(SOURCES_OUTBOX);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const mails = await Promise.all(
    names.filter((n) => n.endsWith(".eml")).map(async (n) => simpleParser(await fs.readFile(path.join(dir, n)))),
  );
  return mails.filter((m) => {
    const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
    return to.some((t) => t.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()));
  });
}

/** Waits for the one confirmation email to `address` and returns it. */
async function confirmationMailTo(address: string): Promise<ParsedMail> {
  await expect.poll(async () => (await mailsTo(address)).length, { message: `an email to ${address}` }).toBe(1);
  return (await mailsTo(address))[0]!;
}

const CONFIRM_LINK = new RegExp(
  `${BASE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/subscribe/confirm\\?token=[A-Za-z0-9_-]+`,
  "g",
);

/** The confirmation link in an email: the same one in its text and its HTML. */
function confirmLinkIn(mail: ParsedMail): string {
  const inText = mail.text?.match(CONFIRM_LINK) ?? [];
  expect(inText, "one confirmation link in the text part").toHaveLength(1);
  expect(String(mail.html || "").match(CONFIRM_LINK) ?? [], "the same link in the HTML part").toContain(inText[0]);
  return inText[0]!;
}

// ---------------------------------------------------------------------------
// Atom feeds.

type El = Record<string, unknown>;
const asList = (v: unknown): El[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as El[];
const textOf = (v: unknown): string =>
  typeof v === "object" && v !== null ? String((v as El)["#text"] ?? "") : String(v ?? "");
/** An Atom type="html" title is HTML: a reader decodes it once more to get the text. */
const decodeHtml = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");

type ParsedFeed = { title: string; selfHref: string; entries: { title: string; href: string }[] };

function parseAtom(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  expect(valid, "well-formed XML").toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ["entry", "link"].includes(name),
  }).parse(xml) as El;
  const feed = doc.feed as El;
  expect(feed, "a <feed> root").toBeDefined();
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  const links = asList(feed.link);
  return {
    title: textOf(feed.title),
    selfHref: String(links.find((l) => l["@_rel"] === "self")?.["@_href"] ?? ""),
    entries: asList(feed.entry).map((e) => {
      const title = e.title as El;
      expect(title["@_type"]).toBe("html");
      return {
        title: decodeHtml(textOf(title)).replace(/\s+/g, " ").trim(),
        href: String(asList(e.link)[0]?.["@_href"] ?? ""),
      };
    }),
  };
}

// ---------------------------------------------------------------------------

test.describe("browsing by day, week and month", () => {
  test("a day's listing shows exactly that day's papers, most upvoted first", async ({ page }) => {
    const day = "2026-11-24";
    const titles = expectedTitles(day);
    expect(titles[0]).toBe("Self-Play Fine-Tuning for Theorem Proving in Lean 4");

    await page.goto(`/?date=${day}`);
    await expect(heading(page)).toHaveText("Trending on Tue, Nov 24, 2026");
    await expect(page.getByTestId("result-count")).toHaveText(`${titles.length} papers`);
    await expect(cardTitles(page)).toHaveText(titles);
    await expect(periodNav(page).getByRole("link", { name: "Day", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(page).toHaveTitle(/Trending papers · Tue, Nov 24, 2026/);
  });

  test("Next and Previous day step to the nearest day with papers, skipping the weekend", async ({ page }) => {
    await page.goto("/?date=2026-11-24");
    await expect(nextDay(page)).toHaveAttribute("rel", "next");
    await expect(previousDay(page)).toHaveAttribute("rel", "prev");
    await expect(nextDay(page)).toHaveAttribute("title", "Wed, Nov 25, 2026");

    await nextDay(page).click();
    await expectDay(page, "2026-11-25");
    await expect(cardTitles(page)).toHaveText(expectedTitles("2026-11-25"));

    await previousDay(page).click();
    await expectDay(page, "2026-11-24");
    await previousDay(page).click();
    await expectDay(page, "2026-11-23");
    await expect(cardTitles(page)).toHaveText(expectedTitles("2026-11-23"));

    // Monday's previous day is the Friday before: Saturday and Sunday have no papers.
    await expect(previousDay(page)).toHaveAttribute("href", "/?date=2026-11-20");
    await previousDay(page).click();
    await expectDay(page, "2026-11-20");
    await expect(cardTitles(page)).toHaveText(expectedTitles("2026-11-20"));
    // And Friday's next day is the Monday after.
    await expect(nextDay(page)).toHaveAttribute("href", "/?date=2026-11-23");
  });

  test("Previous day is disabled on the catalog's first day and Next day on its last", async ({ page }) => {
    // The first Hugging Face day still has earlier days before it: the arXiv fixture's.
    await page.goto(`/?date=${FIXTURE_DAYS[0]}`);
    await expectDay(page, "2026-11-16");
    for (const day of ARXIV_DAYS) {
      await previousDay(page).click();
      await expectDay(page, day);
    }
    // 2001-12-19 is the first day of all: Previous is plain text marked disabled, not a link.
    await expect(previousDay(page)).toHaveCount(0);
    await expect(periodNav(page).getByText("← Previous day", { exact: true })).toHaveAttribute("aria-disabled", "true");
    await expect(nextDay(page)).toHaveAttribute("href", "/?date=2025-11-02");

    await page.goto(`/?date=${LAST_DAY}`);
    await expectDay(page, LAST_DAY);
    await expect(nextDay(page)).toHaveCount(0);
    await expect(periodNav(page).getByText("Next day →", { exact: true })).toHaveAttribute("aria-disabled", "true");
    await expect(previousDay(page)).toHaveAttribute("href", "/?date=2026-11-26");

    // A day without papers (a Saturday) says so and still links to its neighbours.
    await page.goto("/?date=2026-11-21");
    await expect(heading(page)).toHaveText("Trending on Sat, Nov 21, 2026");
    await expect(cards(page)).toHaveCount(0);
    await expect(previousDay(page)).toHaveAttribute("href", "/?date=2026-11-20");
    await expect(nextDay(page)).toHaveAttribute("href", "/?date=2026-11-23");
  });

  test("the Week, Month and All time links switch the period of a day", async ({ page }) => {
    await page.goto("/?date=2026-11-24");
    await periodNav(page).getByRole("link", { name: "Week", exact: true }).click();
    await expect(page).toHaveURL("/?week=2026-W48");
    await expect(heading(page)).toHaveText("Trending in Week of Nov 23, 2026");
    const week = expectedTitles("2026-11-23", "2026-11-29");
    await expect(page.getByTestId("result-count")).toHaveText(`${week.length} papers`);
    await expect(cardTitles(page)).toHaveText(week);
    await expect(periodNav(page).getByRole("link", { name: "Week", exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(periodNav(page).getByRole("link", { name: "← Previous week", exact: true })).toHaveAttribute(
      "href",
      "/?week=2026-W47",
    );
    await expect(periodNav(page).getByText("Next week →", { exact: true })).toHaveAttribute("aria-disabled", "true");
    // From a week, "Day" goes to the week's latest day with papers.
    await expect(periodNav(page).getByRole("link", { name: "Day", exact: true })).toHaveAttribute(
      "href",
      "/?date=2026-11-27",
    );

    await periodNav(page).getByRole("link", { name: "Month", exact: true }).click();
    await expect(page).toHaveURL("/?month=2026-11");
    await expect(heading(page)).toHaveText("Trending in November 2026");
    const month = expectedTitles("2026-11-01", "2026-11-30");
    await expect(page.getByTestId("result-count")).toHaveText(`${month.length} papers · page 1 of 2`);
    await expect(cardTitles(page)).toHaveText(month.slice(0, 20));

    await periodNav(page).getByRole("link", { name: "All time", exact: true }).click();
    await expect(page).toHaveURL("/");
    await expect(heading(page)).toHaveText("Trending papers");
    await expect(periodNav(page)).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Browse by period" })).toBeVisible();
  });

  test("the period links are reachable with Tab and follow with Enter", async ({ page }) => {
    await page.goto("/?date=2026-11-24");
    await tabTo(page, nextDay(page));
    await page.keyboard.press("Enter");
    await expectDay(page, "2026-11-25");
    await tabTo(page, periodNav(page).getByRole("link", { name: "Month", exact: true }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL("/?month=2026-11");
  });

  test("the default listing links to the latest day, week and month", async ({ page }) => {
    await page.goto("/");
    const browse = page.getByRole("navigation", { name: "Browse by period" });
    await expect(browse.getByRole("link", { name: "Latest week", exact: true })).toHaveAttribute(
      "href",
      "/?week=2026-W48",
    );
    await expect(browse.getByRole("link", { name: "Latest month", exact: true })).toHaveAttribute(
      "href",
      "/?month=2026-11",
    );
    await browse.getByRole("link", { name: "Latest day", exact: true }).click();
    await expectDay(page, LAST_DAY);
    await expect(cardTitles(page)).toHaveText(expectedTitles(LAST_DAY));
    await expect(nextDay(page)).toHaveCount(0);
  });
});

test.describe("Atom feeds of listings", () => {
  const listings = [
    { name: "a search", url: "/?q=diffusion", feed: "/feed.xml?q=diffusion", title: "Papershelf: “diffusion”" },
    // Titled with the topic's name, as the listing's heading is.
    { name: "a topic", url: "/?topic=llm", feed: "/feed.xml?topic=llm", title: null },
    {
      name: "a day",
      url: "/?date=2026-11-24",
      feed: "/feed.xml?date=2026-11-24",
      title: "Papershelf: Tue, Nov 24, 2026",
    },
  ];
  for (const listing of listings) {
    test(`${listing.name} links to its own feed, which lists the same papers in the same order`, async ({ page }) => {
      await page.goto(listing.url);
      await expect(cards(page).first()).toBeVisible();
      const shown = (await cardTitles(page).allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
      expect(shown.length).toBeGreaterThan(1);

      // The visible link and the one in the head point at the same feed.
      await expect(feedLink(page)).toBeVisible();
      await expect(feedLink(page)).toHaveAttribute("href", listing.feed);
      await expect(headFeedLink(page)).toHaveCount(1);
      const headHref = (await headFeedLink(page).getAttribute("href"))!;
      expect(new URL(headHref, page.url()).href).toBe(new URL(listing.feed, page.url()).href);

      const response = await page.request.get(listing.feed);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^application\/atom\+xml\b/);
      const feed = parseAtom(await response.text());
      expect(feed.title).toBe(listing.title ?? `Papershelf: ${(await heading(page).innerText()).trim()}`);
      expect(feed.selfHref).toBe(`${BASE}${listing.feed}`);
      // The listing's first page is the feed's start, in order; the feed holds at most 50.
      expect(feed.entries.map((e) => e.title).slice(0, shown.length)).toEqual(shown);
      const firstHref = await cardTitles(page).first().getByRole("link").getAttribute("href");
      expect(feed.entries[0]!.href).toBe(`${BASE}${firstHref}`);
    });
  }

  test("the feed link follows the listing's period, topic and search but not its sort or page", async ({ page }) => {
    await page.goto("/?topic=llm&week=2026-W48&sort=title");
    await expect(feedLink(page)).toHaveAttribute("href", "/feed.xml?topic=llm&week=2026-W48");
    await page.goto("/?month=2026-11&page=2");
    await expect(feedLink(page)).toHaveAttribute("href", "/feed.xml?month=2026-11");
    await expect(headFeedLink(page)).toHaveAttribute("href", /\/feed\.xml\?month=2026-11$/);
  });
});

test.describe("email digest subscription", () => {
  test("subscribes from a topic listing, rejects a bad address and confirms once by the emailed link", async ({
    page,
  }) => {
    await page.goto("/?topic=robotics-agents");
    const topicName = (await heading(page).innerText()).trim();
    await page.getByRole("main").getByRole("link", { name: "Email digest", exact: true }).click();
    await expect(page).toHaveURL("/subscribe?topic=robotics-agents");
    await expect(heading(page)).toHaveText("Email digest");
    // The listing's topic is ticked, and only it.
    await expect(page.getByRole("checkbox", { name: topicName, exact: true })).toBeChecked();
    await expect(topicBoxes(page).and(page.locator(":checked"))).toHaveCount(1);

    // The browser refuses an address without "@"; nothing is sent to the server.
    await emailBox(page).fill("not-an-address");
    await subscribeButton(page).click();
    expect(await emailBox(page).evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(false);
    await expect(mainStatus(page)).toHaveCount(0);

    // One the browser lets through but the server does not: an error, announced, and no email.
    const bad = `no-domain-${randomUUID().slice(0, 8)}@localhost`;
    await emailBox(page).fill(bad);
    await subscribeButton(page).click();
    await expect(mainAlert(page)).toHaveText("Enter a valid email address, like ada@example.org");
    expect(await mailsTo(bad)).toHaveLength(0);
    // What was typed and ticked is still there to correct.
    await expect(emailBox(page)).toHaveValue(bad);
    await expect(page.getByRole("checkbox", { name: topicName, exact: true })).toBeChecked();

    const address = uniqueAddress("topic");
    await emailBox(page).fill(address);
    await subscribeButton(page).click();
    await expect(mainStatus(page)).toContainText(`Check your inbox at ${address}`);
    await expect(mainAlert(page)).toHaveCount(0);

    const mail = await confirmationMailTo(address);
    expect(mail.subject).toBe("Confirm your Papershelf digest");
    expect(mail.text).toContain(`Digest of: ${topicName}`);
    const link = confirmLinkIn(mail);

    await page.goto(link);
    await expectLandedOn(page, "/subscribe?confirmed=1");
    await expect(mainStatus(page)).toContainText("Subscription confirmed");

    // The link works once.
    await page.goto(link);
    await expectLandedOn(page, "/subscribe?error=invalid");
    await expect(mainAlert(page)).toContainText("That link is not valid");
    await expect(mainStatus(page)).toHaveCount(0);
  });

  test("the digest form works from the keyboard alone", async ({ page }) => {
    await page.goto("/subscribe");
    await expect(topicBoxes(page).and(page.locator(":checked"))).toHaveCount(0);
    const address = uniqueAddress("keyboard");
    await tabTo(page, emailBox(page));
    await page.keyboard.type(address);
    await page.keyboard.press("Tab");
    const firstTopic = topicBoxes(page).first();
    await expect(firstTopic).toBeFocused();
    const topicName = (await firstTopic.evaluate((el) => el.closest("label")?.textContent ?? "")).trim();
    await page.keyboard.press("Space");
    await expect(firstTopic).toBeChecked();
    await page.keyboard.press("Enter");
    await expect(mainStatus(page)).toContainText(`Check your inbox at ${address}`);

    const mail = await confirmationMailTo(address);
    expect(mail.text).toContain(`Digest of: ${topicName}`);
  });

  test("a search listing's digest link carries the search into the form", async ({ page }) => {
    await page.goto("/?q=diffusion&topic=llm");
    await page.getByRole("main").getByRole("link", { name: "Email digest", exact: true }).click();
    await expect(page).toHaveURL("/subscribe?q=diffusion&topic=llm");
    await expect(page.getByRole("textbox", { name: /^Only papers matching this search/ })).toHaveValue("diffusion");
    await expect(topicBoxes(page).and(page.locator(":checked"))).toHaveCount(1);
  });
});

test.describe("screenshots for review", () => {
  const sizes = [
    { name: "1280", width: 1280, height: 900 },
    { name: "390", width: 390, height: 844 },
  ];
  for (const size of sizes) {
    for (const scheme of ["light", "dark"] as const) {
      test(`day listing and digest form at ${size.name} px, ${scheme}`, async ({ page }) => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto("/?date=2026-11-24");
        await expect(cards(page).first()).toBeVisible();
        await page.screenshot({ path: `/tmp/shots/live-day-${size.name}-${scheme}.png` });

        await page.goto("/subscribe?topic=robotics-agents");
        await expect(emailBox(page)).toBeVisible();
        await emailBox(page).fill(uniqueAddress("shot"));
        await subscribeButton(page).click();
        await expect(mainStatus(page)).toContainText("Check your inbox");
        await page.screenshot({ path: `/tmp/shots/live-subscribe-${size.name}-${scheme}.png`, fullPage: true });
      });
    }
  }
});
