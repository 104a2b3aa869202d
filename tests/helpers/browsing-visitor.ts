// A simulated reader for concurrency and load tests: one SiteClient (one
// visitor, one connection) doing what people do on the site without
// JavaScript, one request at a time: open listings (pages, periods, topics,
// sorts), search, open papers from the page in front of them, and toggle
// bookmarks there. It keeps the shelf the server acknowledged, so a test can
// compare it with what the server shows at the end. Seeded, so a failing run
// can be replayed step for step.
import {
  bookmarkForms,
  pageLinks,
  SiteClient,
  type Exchange,
  type Page,
  type ToggleResult,
  type Verdict,
} from "@/tests/helpers/site-client";
import { random } from "@/scripts/lib/synthetic-feed";

export type StepKind = "listing" | "search" | "paper" | "toggle" | "shelf";

/** Queries in the site's syntax, chosen to hit acronyms, phrases, topics, typos and misses. */
const SEARCHES = [
  "language model",
  "MATES",
  "retrieval augmented",
  '"language model" pretraining',
  "topic:multimodal",
  "multilingual -speech",
  "quantisation",
  "pretrainng",
  "LLM reasoning",
  "contrastive vision",
  "no such words zzqx",
];

const LISTINGS = ["/", "/?sort=newest", "/?sort=title", "/?topic=pretraining", "/?month=2026-11", "/topics"];

/** The share of each step, in percent. */
const MIX: [StepKind, number][] = [
  ["listing", 30],
  ["search", 20],
  ["paper", 25],
  ["toggle", 20],
  ["shelf", 5],
];

export class BrowsingVisitor {
  readonly client: SiteClient;
  /** Papers on the shelf as far as acknowledged toggles say. */
  readonly expectedShelf = new Set<number>();
  readonly steps: Record<StepKind, number> = { listing: 0, search: 0, paper: 0, toggle: 0, shelf: 0 };
  /** Acknowledged toggles that came back without post/redirect/get: the action answered with an error message. */
  readonly unsavedToggles: string[] = [];
  readonly toggles = { acknowledged: 0, refused: 0, failed: 0 };
  /** Pages shown right after an acknowledged toggle whose button did not show the new state. */
  readonly staleViews: string[] = [];
  private readonly rnd: () => number;
  private current: { path: string; page: Page } | null = null;

  constructor(baseUrl: string, seed: number, options: { timeoutMs?: number } = {}) {
    this.client = new SiteClient(baseUrl, options);
    this.rnd = random(seed);
  }

  /** Takes steps until `done()` says to stop (checked before each step). Each step is one user action. */
  async browse(done: () => boolean, onStep?: (kind: StepKind) => void): Promise<void> {
    while (!done()) {
      const kind = this.pickKind();
      await this.step(kind);
      this.steps[kind]++;
      onStep?.(kind);
    }
  }

  async step(kind: StepKind): Promise<void> {
    switch (kind) {
      case "listing": {
        const fromPage = this.current ? pageLinks(this.current.page.html).filter(isListing) : [];
        const pageNumber = `/?page=${1 + Math.floor(this.rnd() * 40)}`;
        return this.open(
          this.rnd() < 0.5 && fromPage.length ? this.pick(fromPage) : this.pick([...LISTINGS, pageNumber]),
        );
      }
      case "search":
        return this.open(`/?q=${encodeURIComponent(this.pick(SEARCHES))}${this.rnd() < 0.2 ? "&page=2" : ""}`);
      case "paper": {
        if (!this.current) await this.open("/");
        const papers = pageLinks(this.current!.page.html).filter((href) => /^\/papers\/[^/?]+$/.test(href));
        return papers.length ? this.open(this.pick(papers)) : this.open("/");
      }
      case "toggle": {
        if (!this.current) await this.open("/");
        const forms = bookmarkForms(this.current!.page.html);
        if (!forms.length) return this.open("/");
        return this.record(await this.client.toggle(this.pick(forms), this.current!.path));
      }
      case "shelf":
        return this.open("/bookmarks");
    }
  }

  /**
   * How the server's view of this visitor's shelf differs from the acknowledged
   * toggles: read from the /bookmarks pages and from the JSON export. Empty when they agree.
   */
  async shelfDifferences(): Promise<string[]> {
    const differences: string[] = [];
    const { ids, pages } = await this.client.shelfFromPages();
    const broken = pages.find((p) => p.verdict !== "ok");
    if (broken) differences.push(`GET ${broken.path} answered ${broken.status} ${broken.error ?? ""}`.trim());
    const missing = [...this.expectedShelf].filter((id) => !ids.has(id));
    const extra = [...ids].filter((id) => !this.expectedShelf.has(id));
    if (missing.length) differences.push(`acknowledged but not on /bookmarks: papers ${missing.join(", ")}`);
    if (extra.length) differences.push(`on /bookmarks but never acknowledged: papers ${extra.join(", ")}`);
    const { slugs, page } = await this.client.shelfFromExport();
    if (page.verdict !== "ok") differences.push(`GET ${page.path} answered ${page.status}`);
    else if (new Set(slugs).size !== this.expectedShelf.size || slugs.length !== this.expectedShelf.size)
      differences.push(`the export lists ${slugs.length} bookmarks, ${this.expectedShelf.size} acknowledged`);
    return differences;
  }

  close(): void {
    this.client.close();
  }

  private async open(path: string) {
    const page = await this.client.get(path);
    // A failed page leaves the visitor where they were, as a browser's error page would.
    if (page.verdict === "ok") this.current = { path, page };
  }

  private record(result: ToggleResult) {
    if (result.acknowledged) {
      this.toggles.acknowledged++;
      if (!result.redirected)
        this.unsavedToggles.push(`${result.path}: paper ${result.paperId} answered ${result.status}`);
      if (result.wanted) this.expectedShelf.add(result.paperId);
      else this.expectedShelf.delete(result.paperId);
    } else if (result.verdict === "limited") this.toggles.refused++;
    else this.toggles.failed++;
    const back = result.page;
    if (back?.verdict === "ok") {
      this.current = { path: back.path, page: back };
      // Post/redirect/get must show what was just saved (when the paper is still on that page).
      const shown = bookmarkForms(back.html).find((f) => f.paperId === result.paperId);
      if (result.acknowledged && shown && shown.bookmarked !== result.wanted)
        this.staleViews.push(`${back.path}: paper ${result.paperId} shows ${shown.bookmarked}, saved ${result.wanted}`);
    }
  }

  private pickKind(): StepKind {
    let roll = this.rnd() * 100;
    for (const [kind, share] of MIX) if ((roll -= share) < 0) return kind;
    return "listing";
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }
}

function isListing(href: string): boolean {
  return href === "/" || href.startsWith("/?") || href === "/topics";
}

export type CrowdTally = {
  visitors: number;
  requests: number;
  byVerdict: Record<Verdict, number>;
  steps: Record<StepKind, number>;
  toggles: { acknowledged: number; refused: number; failed: number };
  /** Requests resent on a new connection because the kept-alive one was closing. */
  staleSocketRetries: number;
  staleViews: string[];
  /** Toggles answered 2xx without the redirect a saved toggle gets. */
  unsavedToggles: string[];
  /** The first failed or unexpected exchanges. */
  problems: Exchange[];
  latencyMs: Latency;
};

export type Latency = { requests: number; p50: number; p95: number; p99: number; max: number };

/** Percentiles of the time to answer, over the requests that started in [from, to). */
export function latencyOf(visitors: BrowsingVisitor[], from = -Infinity, to = Infinity): Latency {
  const ms = visitors
    .flatMap((v) => v.client.stats.timings)
    .filter((t) => t.at >= from && t.at < to)
    .map((t) => t.ms)
    .sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0);
  return { requests: ms.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(ms.at(-1) ?? 0) };
}

/** What a crowd of visitors did and met, summed. */
export function tallyCrowd(visitors: BrowsingVisitor[]): CrowdTally {
  const byVerdict: Record<Verdict, number> = { ok: 0, limited: 0, unexpected: 0, failed: 0 };
  const steps: Record<StepKind, number> = { listing: 0, search: 0, paper: 0, toggle: 0, shelf: 0 };
  const toggles = { acknowledged: 0, refused: 0, failed: 0 };
  for (const v of visitors) {
    for (const k of Object.keys(byVerdict) as Verdict[]) byVerdict[k] += v.client.stats.byVerdict[k];
    for (const k of Object.keys(steps) as StepKind[]) steps[k] += v.steps[k];
    for (const k of Object.keys(toggles) as (keyof typeof toggles)[]) toggles[k] += v.toggles[k];
  }
  const latencyMs = latencyOf(visitors);
  return {
    visitors: visitors.length,
    requests: latencyMs.requests,
    byVerdict,
    steps,
    toggles,
    staleSocketRetries: visitors.reduce((n, v) => n + v.client.stats.staleSocketRetries, 0),
    staleViews: visitors.flatMap((v) => v.staleViews),
    unsavedToggles: visitors.flatMap((v) => v.unsavedToggles),
    problems: visitors.flatMap((v) => v.client.stats.problems).slice(0, 20),
    latencyMs,
  };
}
