// A visitor without JavaScript, for tests against a running server: its own
// cookie jar (each client is a distinct visitor) and its own keep-alive
// connection, plain GETs that follow same-site redirects, and the bookmark
// toggle replayed from the no-JS form in a page's HTML (the hidden `$ACTION_…`
// fields, posted as multipart/form-data to the page's URL with a same-origin
// Origin, as a browser does). It never throws for an HTTP answer: every
// exchange is classified (ok, limited by a 429, unexpected 4xx, failed: 5xx or
// no answer) and tallied, so load tests count errors instead of stopping at
// the first. Like a browser, it resends a request once when the kept-alive
// connection it went out on turns out to be closing (counted apart).
import http from "node:http";
import { z } from "zod";

/** How a test should read an answer. A 429 is the server protecting itself, never a failure. */
export type Verdict = "ok" | "limited" | "unexpected" | "failed";

export type Exchange = {
  method: "GET" | "POST";
  /** Path and query, as requested. */
  path: string;
  /** 0 when no answer came (refused or reset connection, timeout). */
  status: number;
  verdict: Verdict;
  ms: number;
  /** Set when there was no answer. */
  error?: string;
};

export type Page = Exchange & { html: string; location?: string };

/** A bookmark toggle as the page rendered it. */
export type BookmarkForm = {
  paperId: number;
  /** What the button shows now (aria-pressed). */
  bookmarked: boolean;
  /** Every named field of the form, hidden `$ACTION_…` ones included, in page order. */
  fields: [string, string][];
  /** Where the form posts: the page's own URL unless the form names another. */
  action: string;
};

export type ToggleResult = Exchange & {
  paperId: number;
  /** The state the toggle asked for. */
  wanted: boolean;
  /** The server took it (2xx/3xx): the shelf now has `wanted` for this paper. */
  acknowledged: boolean;
  /**
   * Answered with post/redirect/get, as a saved toggle is. A 200 instead means the
   * action rendered the page with its form state, which carries an error message.
   */
  redirected: boolean;
  /** The page the redirect led back to (post/redirect/get), when followed. */
  page?: Page;
};

export type ClientStats = {
  requests: number;
  byVerdict: Record<Verdict, number>;
  /** The first few failed or unexpected exchanges, for the assertion message. */
  problems: Exchange[];
  /** When each exchange started (epoch ms) and how long it took, in order. */
  timings: { at: number; ms: number }[];
  /** Requests sent again because the kept-alive socket was being closed by the server (as browsers do). */
  staleSocketRetries: number;
};

export type SiteClientOptions = {
  /** Per request, connecting included. Generous: tests count errors, they do not time pages. */
  timeoutMs?: number;
};

export function verdictOf(status: number): Verdict {
  if (status === 0 || status >= 500) return "failed";
  if (status === 429) return "limited";
  if (status >= 400) return "unexpected";
  return "ok";
}

const MAX_REDIRECTS = 5;
const MAX_PROBLEMS = 20;

export class SiteClient {
  readonly origin: string;
  readonly stats: ClientStats = {
    requests: 0,
    byVerdict: { ok: 0, limited: 0, unexpected: 0, failed: 0 },
    problems: [],
    timings: [],
    staleSocketRetries: 0,
  };
  private readonly jar = new Map<string, string>();
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: SiteClientOptions = {}) {
    this.origin = new URL(baseUrl).origin;
    this.timeoutMs = options.timeoutMs ?? 300_000;
    // One socket per visitor, kept alive between its requests, like one browser tab. With a
    // timeout set, Node drops an idle socket a second before the server's Keep-Alive hint says
    // the server will (without one it ignores the hint), so a reused socket is never one being closed.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: this.timeoutMs });
  }

  /** The visitor cookie's value, or undefined before the server gave one. */
  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** GETs a page (path and query), following same-site redirects as a browser would. */
  async get(path: string): Promise<Page> {
    let page = await this.send("GET", path);
    for (let hops = 0; page.location && page.status >= 300 && page.status < 400 && hops < MAX_REDIRECTS; hops++) {
      const next = this.sameSitePath(page.location);
      if (!next) break;
      page = await this.send("GET", next);
    }
    return page;
  }

  /**
   * Submits a bookmark form as a browser without JavaScript does. Acknowledged
   * means a 2xx/3xx answer; a 429 is refused (not acknowledged, not a failure).
   * With `follow`, a redirect is followed like a browser (the result's `page`).
   */
  async toggle(form: BookmarkForm, pagePath: string, { follow = true } = {}): Promise<ToggleResult> {
    const body = new FormData();
    for (const [name, value] of form.fields) body.append(name, value);
    // Response encodes FormData exactly as fetch would send it, boundary included.
    const encoded = new Response(body);
    const bytes = Buffer.from(await encoded.arrayBuffer());
    const target = this.sameSitePath(new URL(form.action || pagePath, this.origin + pagePath).href) ?? pagePath;
    const answer = await this.send("POST", target, {
      body: bytes,
      headers: {
        "content-type": encoded.headers.get("content-type")!,
        origin: this.origin,
        referer: this.origin + pagePath,
      },
    });
    const wanted = form.fields.find(([name]) => name === "bookmarked")?.[1] === "true";
    const redirected = answer.status >= 300 && answer.status < 400 && answer.location !== undefined;
    const result: ToggleResult = {
      ...answer,
      paperId: form.paperId,
      wanted,
      acknowledged: answer.verdict === "ok",
      redirected,
    };
    if (follow && redirected) {
      const next = this.sameSitePath(answer.location!);
      if (next) result.page = await this.get(next);
    }
    return result;
  }

  /** The ids of every paper on this visitor's shelf, read page by page from /bookmarks. */
  async shelfFromPages(): Promise<{ ids: Set<number>; pages: Page[] }> {
    const ids = new Set<number>();
    const pages: Page[] = [];
    // The shelf clamps `page` to its last page, so the walk ends when a page adds nothing new.
    for (let n = 1; ; n++) {
      const page = await this.get(n === 1 ? "/bookmarks" : `/bookmarks?page=${n}`);
      pages.push(page);
      if (page.verdict !== "ok") break;
      const before = ids.size;
      for (const form of bookmarkForms(page.html)) if (form.bookmarked) ids.add(form.paperId);
      if (ids.size === before) break;
    }
    return { ids, pages };
  }

  /** This visitor's shelf as the JSON export (GET /bookmarks/export/json): the papers' slugs, newest first. */
  async shelfFromExport(): Promise<{ slugs: string[]; page: Page }> {
    const page = await this.get("/bookmarks/export/json");
    if (page.verdict !== "ok") return { slugs: [], page };
    const parsed = exportSchema.parse(JSON.parse(page.html));
    return { slugs: parsed.bookmarks.map((b) => b.paper.slug), page };
  }

  /** Closes the visitor's connection. */
  close(): void {
    this.agent.destroy();
  }

  private sameSitePath(location: string): string | null {
    const url = new URL(location, this.origin);
    return url.origin === this.origin ? `${url.pathname}${url.search}` : null;
  }

  private async send(
    method: "GET" | "POST",
    path: string,
    extra: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const at = Date.now();
    const started = performance.now();
    let answer = await this.attempt(method, path, extra);
    // A kept-alive socket the server closed just as this request went out: the server never saw
    // the request. Browsers send it again on a new connection, and Node's docs say to do the same.
    if (answer.staleSocket) {
      this.stats.staleSocketRetries++;
      answer = await this.attempt(method, path, extra);
    }
    const page: Page = {
      method,
      path,
      status: answer.status,
      verdict: verdictOf(answer.status),
      ms: performance.now() - started,
      html: answer.body,
      ...(answer.location !== undefined && { location: answer.location }),
      ...(answer.error !== undefined && { error: answer.error }),
    };
    this.tally(page, at);
    return page;
  }

  /** One request on the visitor's connection. Never rejects: no answer is status 0 with an error. */
  private attempt(
    method: "GET" | "POST",
    path: string,
    extra: { body?: Buffer; headers?: Record<string, string> },
  ): Promise<{ status: number; body: string; location?: string; error?: string; staleSocket?: boolean }> {
    const headers: Record<string, string> = { accept: "text/html,application/json;q=0.9,*/*;q=0.8", ...extra.headers };
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    if (cookie) headers.cookie = cookie;
    if (extra.body) headers["content-length"] = String(extra.body.length);
    return new Promise((resolve) => {
      let answered = false;
      const request = http.request(this.origin + path, { method, headers, agent: this.agent }, (response) => {
        answered = true;
        this.store(response.headers["set-cookie"] ?? []);
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) =>
          resolve({ status: 0, body: "", error: `response broke off: ${error.message}` }),
        );
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ...(response.headers.location !== undefined && { location: response.headers.location }),
          }),
        );
      });
      request.setTimeout(this.timeoutMs, () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      request.on("error", (error: NodeJS.ErrnoException) => {
        const staleSocket =
          request.reusedSocket && !answered && (error.code === "ECONNRESET" || error.code === "EPIPE");
        resolve({ status: 0, body: "", error: `${error.code ?? ""} ${error.message}`.trim(), staleSocket });
      });
      request.end(extra.body);
    });
  }

  private tally(exchange: Exchange, at: number) {
    this.stats.requests++;
    this.stats.byVerdict[exchange.verdict]++;
    this.stats.timings.push({ at, ms: exchange.ms });
    if (
      (exchange.verdict === "failed" || exchange.verdict === "unexpected") &&
      this.stats.problems.length < MAX_PROBLEMS
    ) {
      const { method, path, status, verdict, ms, error } = exchange;
      this.stats.problems.push({ method, path, status, verdict, ms, ...(error !== undefined && { error }) });
    }
  }

  /** Keeps cookies as a browser would for this one site: later values win, expired ones go. */
  private store(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = "", val = ""] = a.split("=").map((s) => s.trim());
        if (/^max-age$/i.test(key)) return Number(val) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

const exportSchema = z.object({
  bookmarks: z.array(z.object({ paper: z.object({ slug: z.string() }) })),
});

// --- Reading pages. React escapes attribute values with these five entities only.

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', "#x27": "'", "#39": "'", lt: "<", gt: ">" };

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|#x27|#39|lt|gt);/g, (_, name: string) => ENTITIES[name]!);
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, name, value] of tag.matchAll(/([^\s=/<>"']+)(?:="([^"]*)")?/g)) {
    out.set(name!.toLowerCase(), decodeEntities(value ?? ""));
  }
  return out;
}

/** Every bookmark toggle form on a page, in page order. */
export function bookmarkForms(html: string): BookmarkForm[] {
  const forms: BookmarkForm[] = [];
  for (const [, open = "", inner = ""] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const fields: [string, string][] = [];
    for (const [input = ""] of inner.matchAll(/<input\b[^>]*>/g)) {
      const attrs = attributes(input);
      const name = attrs.get("name");
      if (name) fields.push([name, attrs.get("value") ?? ""]);
    }
    const value = (name: string) => fields.find(([n]) => n === name)?.[1];
    const paperId = Number(value("paperId"));
    if (!Number.isInteger(paperId) || !value("bookmarked") || !fields.some(([n]) => n.startsWith("$ACTION_"))) continue;
    const pressed = /<button\b[^>]*\baria-pressed="(true|false)"/.exec(inner)?.[1];
    forms.push({ paperId, bookmarked: pressed === "true", fields, action: attributes(open).get("action") ?? "" });
  }
  return forms;
}

/** The same-site links on a page (path and query), decoded, in page order, without repeats. */
export function pageLinks(html: string): string[] {
  const links = new Set<string>();
  for (const [, href = ""] of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
    const decoded = decodeEntities(href);
    if (decoded.startsWith("/") && !decoded.startsWith("//")) links.add(decoded.replace(/#.*$/, ""));
  }
  return [...links];
}
