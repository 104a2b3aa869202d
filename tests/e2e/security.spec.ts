// Web safety against the built app (issue #6): the security headers and a
// Content-Security-Policy no page breaks, server actions refused when another
// site sends them, query length limits, and rate limits with a clear 429 that
// the forms show. The main server runs with the default limits; the "live"
// server refills bookmark writes slowly (playwright.config.ts), so a refusal
// there is still in force when the browser clicks.
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from "@playwright/test";
import { parseRateRule, RATE_LIMIT_SETTINGS } from "../../lib/rate-limit";
import { LIVE_PORT, LIVE_WRITES_LIMIT, MAIN_PORT } from "../../playwright.config";
import { actionForms, formBody, type NoJsForm } from "../helpers/no-js-forms";

const MAIN = `http://127.0.0.1:${MAIN_PORT}`;
const LIVE = `http://127.0.0.1:${LIVE_PORT}`;
const EVIL = "http://evil.example";
const defaultLimit = (cls: keyof typeof RATE_LIMIT_SETTINGS) => parseRateRule(RATE_LIMIT_SETTINGS[cls].fallback)!.limit;
const TOO_MANY = /^Too many requests: try again in \d+ (second|seconds|minutes)\.$/;

type ApiPaper = { id?: number; slug: string; title: string };

/** A new API client: its own cookies, so its own visitor. */
const newClient = (baseURL = MAIN) => playwrightRequest.newContext({ baseURL });

async function firstPapers(client: APIRequestContext, n: number): Promise<ApiPaper[]> {
  const response = await client.get(`/api/papers?limit=${n}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { results: ApiPaper[] }).results;
}

/** The server-rendered action forms of a page. */
async function formsOn(client: APIRequestContext, path: string): Promise<NoJsForm[]> {
  const response = await client.get(path);
  expect(response.status(), path).toBe(200);
  return actionForms(await response.text());
}

/** The Bookmark form of the n-th card on the listing (0-based), as posted without JavaScript. */
async function bookmarkForm(client: APIRequestContext, n = 0): Promise<NoJsForm> {
  const forms = (await formsOn(client, "/")).filter((f) => f.fields.some(([name]) => name === "paperId"));
  expect(forms.length).toBeGreaterThan(n);
  return forms[n]!;
}

const post = (client: APIRequestContext, path: string, form: NoJsForm, headers: Record<string, string> = {}) =>
  client.post(path, { multipart: formBody(form), headers: { origin: MAIN, ...headers }, maxRedirects: 0 });

/** How many papers the client's shelf holds, as the header says. */
async function shelfSize(client: APIRequestContext): Promise<number> {
  const html = await (await client.get("/bookmarks")).text();
  return Number(/aria-label="Shelf, (\d+) bookmarks?"/.exec(html)![1]);
}

/** Posts until the server answers 429 (at most `max` times); returns how many were accepted and the refusal. */
async function postUntilRefused(send: () => Promise<APIResponse>, max: number) {
  for (let accepted = 0; accepted < max; accepted++) {
    const response = await send();
    if (response.status() === 429) return { accepted, refusal: response };
    expect(response.status(), `request ${accepted + 1}`).toBeLessThan(400);
  }
  throw new Error(`no 429 after ${max} requests`);
}

async function expectTooManyRequests(response: APIResponse) {
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  // Exactly text/plain: Next's client shows such a body as the failed action's message.
  expect(response.headers()["content-type"]).toBe("text/plain");
  const text = await response.text();
  expect(text.endsWith("\n") && !text.trimEnd().includes("\n")).toBe(true);
  expect(text.trim()).toMatch(TOO_MANY);
}

/** Types into the header's search box once React has hydrated it, as a person would (suggestions follow). */
async function typeInSearchBox(page: Page, text: string) {
  const box = page.getByRole("combobox", { name: "Search" });
  await expect.poll(() => box.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps")))).toBe(true);
  await box.pressSequentially(text, { delay: 40 });
}

/** Records, for the test's end, what a page reports about CSP violations and uncaught errors. */
async function watchForProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/content.security.policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // The browser's own report of each violation, whether or not it logs one.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return problems;
}

/** The nonce of a response's policy, after checking the policy's fixed parts and the other headers. */
function expectSecurityHeaders(headers: Record<string, string>): string {
  const policy = headers["content-security-policy"] ?? "";
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
    expect(policy).toContain(directive);
  const script = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).toContain("'strict-dynamic'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
  expect(nonce, "a nonce in script-src").toBeTruthy();
  return nonce!;
}

test.describe("security headers and Content-Security-Policy", () => {
  test("the main pages send the headers, every script carries the response's nonce, and nothing is blocked or fails in the browser", async ({
    page,
    request,
  }) => {
    const problems = await watchForProblems(page);
    const math = ((await (await request.get("/api/papers?q=AstroM&limit=1")).json()) as { results: ApiPaper[] })
      .results[0]!;
    const paths = ["/", "/?q=diffusion+-video", "/?q=%22language%20model%22&topic=llm", `/papers/${math.slug}`];
    paths.push("/topics", "/bookmarks", "/subscribe", "/papers/no-such-paper");
    const nonces = new Set<string>();
    for (const path of paths) {
      const response = (await page.goto(path))!;
      expect(response.status(), path).toBe(path.endsWith("no-such-paper") ? 404 : 200);
      const nonce = expectSecurityHeaders(response.headers());
      nonces.add(nonce);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      // Tailwind's stylesheet applied (the skip link is visually hidden until focused).
      await expect(page.getByRole("link", { name: "Skip to content" })).toHaveCSS("position", "absolute");
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    }
    expect(nonces.size, "a fresh nonce per response").toBe(paths.length);
    // The one prerendered route is still served, with the same headers.
    const icon = await request.get("/icon.svg");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    expectSecurityHeaders(icon.headers());

    // Math in a title renders (server-built markup: MathML, or <sup> for a lone superscript; no script, no inline style).
    await page.goto(`/papers/${math.slug}`);
    const formula = page.getByRole("heading", { level: 1 }).locator("math, sup").first();
    await expect(formula).toBeVisible();
    expect((await formula.boundingBox())!.width).toBeGreaterThan(0);

    // What runs after load: suggestions (fetch), a bookmark (server action), a client-side navigation.
    await page.goto("/");
    await typeInSearchBox(page, "vision lang");
    await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
    const first = page.getByRole("list", { name: "Papers" }).getByRole("article").first();
    await first.getByRole("button", { name: "Bookmark", exact: true }).click();
    await expect(page.getByRole("link", { name: "Shelf, 1 bookmark" })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Site" })
      .getByRole("link", { name: /^Shelf/ })
      .click();
    await expect(page).toHaveURL("/bookmarks");
    await expect(page.getByRole("list", { name: "Bookmarked papers" }).getByRole("article")).toHaveCount(1);
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Topics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Topics" })).toBeVisible();

    expect(problems).toEqual([]);
  });

  test("markup injected into a page cannot run script: the policy blocks it and the browser reports it", async ({
    page,
  }) => {
    const problems = await watchForProblems(page);
    // As if feed text ever reached the server's HTML as markup: the response is served with its real headers
    // (the policy and its nonce) but carries an injected script and inline event handler.
    await page.route("/", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "<main",
        `<script>window.pwned = "script"</script><img src="/missing.png" onerror="window.pwned = 'handler'"><main`,
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Trending papers" })).toBeVisible();
    await expect.poll(() => problems.filter((p) => /script-src/.test(p)).length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    // Next's own scripts, carrying the nonce, still run: the page is interactive.
    await typeInSearchBox(page, "vision lang");
    await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
  });
});

test.describe("server actions from another site", () => {
  test("a bookmark form replayed with a foreign Origin is refused and bookmarks nothing; from the site itself it works", async () => {
    const client = await newClient();
    try {
      // A visitor with one bookmark, made the ordinary way.
      expect((await post(client, "/", await bookmarkForm(client, 0))).status()).toBe(303);
      expect(await shelfSize(client)).toBe(1);

      // The same visitor's cookie, sent by a page on evil.example: a cross-site request forgery.
      const form = await bookmarkForm(client, 1);
      const forged = await post(client, "/", form, { origin: EVIL });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toBe(
        "Cross-origin request refused: this form must be sent from this site's own pages.\n",
      );
      // As a call from JavaScript (Next-Action header), and from a sandboxed page (Origin: null).
      const actionId = JSON.parse(form.fields.find(([n]) => /^\$ACTION_\d+:0$/.test(n))![1]).id as string;
      expect((await post(client, "/", form, { origin: EVIL, "next-action": actionId })).status()).toBe(403);
      expect((await post(client, "/papers/x", form, { origin: "null" })).status()).toBe(403);
      expect(await shelfSize(client)).toBe(1);

      const genuine = await post(client, "/", form);
      expect(genuine.status()).toBe(303);
      expect(await shelfSize(client)).toBe(2);
    } finally {
      await client.dispose();
    }
  });

  test("the one-click unsubscribe POST is accepted from anywhere (mail providers send it), and checks its signature", async () => {
    const client = await newClient();
    try {
      const response = await client.post("/unsubscribe?s=1&t=forged", { headers: { origin: EVIL } });
      expect(response.status()).toBe(400);
      expect(await response.text()).toBe("invalid unsubscribe link\n");
    } finally {
      await client.dispose();
    }
  });
});

test.describe("query length", () => {
  const tenKb = "attention ".repeat(1024);

  test("a 10 KB query is cut to 200 characters on the listing, which says so, and refused by the API with one line", async ({
    page,
    request,
  }) => {
    const response = (await page.goto(`/?q=${encodeURIComponent(tenKb)}`))!;
    expect(response.status()).toBe(200);
    await expect(page.getByRole("note")).toHaveText(
      "Your search was longer than 200 characters, so only its first 200 were used.",
    );
    await expect(page.getByRole("combobox", { name: "Search" })).toHaveValue(tenKb.trim().slice(0, 200).trim());
    await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
    // A query within the limit gets no note.
    await page.goto("/?q=attention");
    await expect(page.getByRole("heading", { level: 1, name: "Search results" })).toBeVisible();
    await expect(page.getByRole("note")).toHaveCount(0);

    for (const [path, error] of [
      ["/api/papers", "q must be at most 200 characters"],
      ["/feed.xml", "q must be at most 200 characters"],
      ["/api/suggest", "q must be at most 100 characters"],
    ]) {
      const api = await request.get(`${path}?q=${encodeURIComponent(tenKb)}`);
      expect(api.status(), path).toBe(400);
      expect(await api.json(), path).toEqual({ error });
    }
  });

  test("a 100 KB query never reaches search: Node refuses the oversized request line with 431", async () => {
    const hundredKb = "a".repeat(100 * 1024);
    for (const path of ["/", "/api/papers", "/api/suggest"]) {
      // A fresh connection each time: Node closes the one it refused.
      const response = await fetch(`${MAIN}${path}?q=${hundredKb}`);
      expect(response.status, path).toBe(431);
    }
    // The server is fine afterwards.
    expect((await fetch(`${MAIN}/api/papers?q=attention&limit=1`)).status).toBe(200);
  });
});

test.describe("rate limits", () => {
  test("bookmark writes: a visitor gets 429 with Retry-After and one line after the burst, while reads and other visitors go on", async () => {
    const client = await newClient();
    const other = await newClient();
    try {
      const form = await bookmarkForm(client, 2);
      const limit = defaultLimit("writes");
      // The first post (no cookie yet) counts against the address; the cookie it sets starts the visitor's bucket.
      expect((await post(client, "/", form)).status()).toBe(303);
      const { accepted, refusal } = await postUntilRefused(() => post(client, "/", form), limit + 30);
      // Refills add a request a second while this runs, never fewer than the burst.
      expect(accepted).toBeGreaterThanOrEqual(limit);
      await expectTooManyRequests(refusal);

      expect((await client.get("/bookmarks")).status()).toBe(200);
      expect((await post(other, "/", await bookmarkForm(other, 2))).status()).toBe(303);
    } finally {
      await client.dispose();
      await other.dispose();
    }
  });

  test("subscribing is limited more tightly than bookmarks, in a bucket of its own", async () => {
    const client = await newClient();
    try {
      expect((await post(client, "/", await bookmarkForm(client, 3))).status()).toBe(303); // a visitor cookie
      const form = (await formsOn(client, "/subscribe")).find((f) => f.fields.some(([n]) => n === "email"))!;
      const limit = defaultLimit("subscribe");
      expect(limit).toBeLessThan(defaultLimit("writes"));
      // Addresses the server refuses: nothing is sent, but each attempt counts.
      const subscribe = () =>
        client.post("/subscribe", {
          multipart: formBody(form, { email: "not-an-address" }),
          headers: { origin: MAIN },
        });
      const { accepted, refusal } = await postUntilRefused(subscribe, limit + 5);
      expect(accepted).toBeGreaterThanOrEqual(limit);
      expect(accepted).toBeLessThanOrEqual(limit + 1);
      await expectTooManyRequests(refusal);
      // Bookmarks are still fine.
      expect((await post(client, "/", await bookmarkForm(client, 3))).status()).toBe(303);
    } finally {
      await client.dispose();
    }
  });

  test("the digest form shows the refusal and keeps what was typed", async ({ page }) => {
    // A visitor cookie first, so this test uses a bucket of its own rather than 127.0.0.1's.
    await page.goto("/");
    await page.getByRole("button", { name: "Bookmark", exact: true }).first().click();
    await expect(page.getByRole("link", { name: "Shelf, 1 bookmark" })).toBeVisible();
    await page.goto("/subscribe");
    const form = actionForms(await page.content()).find((f) => f.fields.some(([n]) => n === "email"))!;
    const refused = await postUntilRefused(
      () =>
        page.request.post("/subscribe", {
          multipart: formBody(form, { email: "not-an-address" }),
          headers: { origin: MAIN },
        }),
      defaultLimit("subscribe") + 5,
    );
    await expectTooManyRequests(refused.refusal);

    const email = page.getByRole("textbox", { name: "Email address" });
    await email.fill("ada@example.org");
    await page.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(TOO_MANY);
    await expect(page.getByRole("heading", { level: 1, name: "Email digest" })).toBeVisible();
    await expect(email).toHaveValue("ada@example.org");
    await expect(page.getByRole("checkbox").first()).toBeChecked();
  });

  test("link codes are limited, and the shelf says so beside the button", async ({ page }) => {
    await page.goto("/bookmarks");
    const showCode = page.getByRole("button", { name: "Show a code for another device" });
    await showCode.click();
    await expect(page.getByTestId("link-code")).toBeVisible();
    const form = actionForms(await (await page.request.get("/bookmarks")).text()).find((f) =>
      f.html.includes("Show a code for another device"),
    )!;
    const { accepted, refusal } = await postUntilRefused(
      () => page.request.post("/bookmarks", { multipart: formBody(form), headers: { origin: MAIN } }),
      defaultLimit("link-codes") + 5,
    );
    expect(accepted).toBeGreaterThanOrEqual(defaultLimit("link-codes") - 1); // the click took one
    await expectTooManyRequests(refusal);

    await showCode.click();
    // (Scoped: Next's route announcer is an alert too.)
    await expect(page.getByRole("complementary", { name: "Shelf tools" }).getByRole("alert")).toHaveText(TOO_MANY);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});

test.describe("rate limits in the browser (slow refill)", () => {
  test.use({ baseURL: LIVE });

  test("a refused bookmark toggle says so beside the button and leaves it unpressed, without replacing the page", async ({
    page,
  }) => {
    await page.goto("/");
    const cards = page.getByRole("list", { name: "Papers" }).getByRole("article");
    const [first, second] = [cards.nth(0), cards.nth(1)];
    const bookmark = (card: typeof first) => card.getByRole("button", { name: "Bookmark", exact: true });
    await bookmark(first).click(); // gives this browser its visitor cookie
    await expect(bookmark(first)).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("link", { name: "Shelf, 1 bookmark" })).toBeVisible();

    // Used up by bookmarking the first card's paper again and again (it stays bookmarked).
    const form = actionForms(await (await page.request.get("/")).text()).find((f) =>
      f.fields.some(([n]) => n === "paperId"),
    )!;
    const { refusal } = await postUntilRefused(
      () =>
        page.request.post("/", {
          multipart: formBody(form, { bookmarked: "true" }),
          headers: { origin: LIVE },
          maxRedirects: 0,
        }),
      parseRateRule(LIVE_WRITES_LIMIT)!.limit + 5,
    );
    await expectTooManyRequests(refusal);

    await page.reload();
    await expect(bookmark(second)).toHaveAttribute("aria-pressed", "false");
    await bookmark(second).click();
    await expect(second.getByRole("alert")).toHaveText(TOO_MANY);
    await expect(bookmark(second)).toHaveAttribute("aria-pressed", "false");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
  });
});
