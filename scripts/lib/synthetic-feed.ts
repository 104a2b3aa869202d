// Deterministic synthetic catalogs for benchmarks and large-feed tests: papers
// whose titles and abstracts read like the bundled sample's (its sentences are
// the templates) but whose words come from a large Zipf-distributed vocabulary:
// the sample's own words at the head, tens of thousands of generated words
// (syllables and morphemes) in the tail. Papers belong to topic clusters that
// share vocabulary and mention the taxonomy's evidence phrases, so searches and
// topic filters behave like a real multi-topic catalog rather than one topic
// repeated. Each paper defines its acronym ("Full Object Optimization (FOO)").
// Catalogs spread over about a year of trending days, ~300 papers a weekday,
// with some papers trending again on later days. Same seed, same output.
import fs from "node:fs";
import { SAMPLE_FEED } from "@/lib/ingest-file";
import { parseTextPage } from "@/lib/feed/text-page";
import { titleName } from "@/lib/text/acronyms";
import { cleanDocument } from "@/lib/text/clean";
import { TOPICS } from "@/lib/topics/taxonomy";

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf–Mandelbrot ranks 0..n-1: P(r) ∝ 1 / (r + q)^s, sampled by binary search over the cumulative weights. */
class Zipf {
  private readonly cumulative: Float64Array;
  constructor(n: number, s = 1.0, q = 2.7) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) this.cumulative[r] = sum += 1 / Math.pow(r + q, s);
  }
  sample(rnd: () => number): number {
    const c = this.cumulative;
    const target = rnd() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export type SyntheticPaper = {
  /** 0-based, in order of generation (which is the order of first appearance). */
  index: number;
  title: string;
  abstract: string;
  /** The acronym the abstract defines (and most titles open with). */
  name: string;
  expansion: string;
  /** The taxonomy topic the paper's cluster is about (its evidence phrases are in the text). */
  topic: string;
  cluster: number;
};

export type SyntheticDay = { date: string; papers: SyntheticPaper[] };

export type SyntheticCatalog = {
  /** Distinct papers, in order of first appearance. */
  papers: SyntheticPaper[];
  /** Trending days, oldest first; a paper may trend on several days (rank = position). */
  days: SyntheticDay[];
};

export type CatalogOptions = {
  /** The last trending day, "YYYY-MM-DD". */
  endDate?: string;
  /** Papers on an average weekday; weekends have about a third. */
  perDay?: number;
  /** Share of a day's list that are papers from the previous days trending again. */
  repeatShare?: number;
};

/** Words that carry sentence structure: kept from the templates, never replaced. */
const GLUE = new Set(
  (
    "a an and are as at be been but by can do does for from had has have how if in into is it its of on or our over " +
    "so such than that the their them then there these they this those through to under up via was we were what when " +
    "where which while who why will with within without you your not no more most both each all also however further " +
    "moreover furthermore thus therefore here first second finally only other while we propose proposed present " +
    "introduce show shows demonstrate demonstrates results result model models method methods approach task tasks " +
    "data training performance based using new existing significantly compared across several various between " +
    "paper work study achieves achieve outperforms state art leading experiments evaluation benchmark benchmarks " +
    "large small high low well even many while one two three"
  ).split(" "),
);

/** Pieces of the sample's URLs, not words. */
const URL_WORDS = new Set(["http", "https", "www", "com", "org", "github", "io", "html"]);

const ONSETS = "b c d f g h k l m n p r s t v z br cr dr fl gr pl pr sp st tr ch th sh sc gl qu".split(" ");
const VOWELS = "a e i o u a e i o y ai ea io ou".split(" ");
const CODAS = ["", "", "", "n", "r", "s", "l", "m", "x", "t", "ct", "nd", "rt", "ph", "st"];
const PREFIXES = ["meta", "hyper", "poly", "neuro", "geo", "bio", "photo", "electro", "iso", "pan", "re", "sub", "co"];
const SUFFIXES = [
  "",
  "",
  "ation",
  "ization",
  "ive",
  "ity",
  "al",
  "ing",
  "er",
  "ic",
  "ous",
  "ment",
  "ness",
  "ized",
  "oid",
];

/** Completions of the taxonomy's prefix phrases ("quantiz*"), as papers write them. */
const COMPLETIONS: Record<string, string> = {
  quantiz: "quantization",
  compress: "compression",
  transliterat: "transliteration",
  interpretab: "interpretability",
  mechanis: "mechanisms",
  memoriz: "memorization",
  tokeniz: "tokenization",
  financ: "finance",
  astronom: "astronomy",
  astrophysic: "astrophysics",
  geograph: "geography",
  molecul: "molecules",
  health: "healthcare",
  cheap: "cheaper",
  math: "mathematical",
  toxic: "toxicity",
  bias: "biases",
  tun: "tuning",
  team: "teaming",
  economic: "economics",
};

const complete = (phrase: string) =>
  phrase.endsWith("*") ? phrase.slice(0, -1).replace(/(\S+)$/, (last) => COMPLETIONS[last] ?? `${last}s`) : phrase;

/** The sample's titles and abstract sentences (templates) and its word counts (the vocabulary's head). */
function readSample() {
  const entries = parseTextPage(cleanDocument(fs.readFileSync(SAMPLE_FEED, "utf8")), { today: "2026-11-29" }).entries;
  const counts = new Map<string, number>();
  for (const e of entries) {
    for (const w of `${e.title} ${e.abstract}`.toLowerCase().match(/[a-z]+/g) ?? []) {
      if (w.length > 2 && !GLUE.has(w) && !URL_WORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const titles = entries.map((e) => {
    const t = e.title!;
    return titleName(t) || /^[^:]{1,30}:\s/.test(t) ? t.slice(t.indexOf(":") + 1).trim() : t;
  });
  const sentences = entries
    .flatMap((e) => (e.abstract ?? "").split(/(?<=[.!?])\s+(?=[A-Z])/))
    .filter((s) => s.length > 40 && s.length < 400 && !/https?:/.test(s));
  const acronyms = new Map<string, number>();
  for (const e of entries) {
    for (const w of `${e.title} ${e.abstract}`.match(/\b[A-Z][A-Z0-9]{1,6}\b/g) ?? []) {
      acronyms.set(w, (acronyms.get(w) ?? 0) + 1);
    }
  }
  return {
    titles,
    sentences,
    abstractLengths: entries.map((e) => e.abstract!.length),
    words: [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w),
    acronyms: [...acronyms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w),
  };
}

type Token = { text: string; slot: "word" | "caps" | "keep" };

/** A template split into slots: content words to replace, acronyms, and everything else kept as written. */
function tokenizeTemplate(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9'’-]*|[^A-Za-z]+/g)) {
    const t = m[0];
    if (!/^[A-Za-z]/.test(t)) out.push({ text: t, slot: "keep" });
    else if ((/^[A-Z][A-Z0-9-]+s?$/.test(t) || /\d/.test(t)) && t.length > 1) out.push({ text: t, slot: "caps" });
    else if (GLUE.has(t.toLowerCase()) || t.length <= 2) out.push({ text: t, slot: "keep" });
    else out.push({ text: t, slot: "word" });
  }
  return out;
}

type Cluster = { topic: string; words: string[]; zipf: Zipf; evidence: string[]; evidenceZipf: Zipf };

const VOCABULARY_SIZE = 60_000;
const CLUSTERS = 48;
const CLUSTER_WORDS = 1500;

/**
 * The generator: vocabulary, clusters and templates are fixed by the seed; each
 * call to paper() returns the next paper, with a title no earlier paper has.
 */
export class SyntheticGenerator {
  private readonly rnd: () => number;
  private readonly sample = readSample();
  private readonly titleTemplates: Token[][];
  private readonly sentenceTemplates: Token[][];
  private readonly vocabulary: string[];
  private readonly zipf: Zipf;
  private readonly acronymPool: string[];
  private readonly acronymZipf: Zipf;
  private readonly clusters: Cluster[];
  private readonly clusterZipf: Zipf;
  private readonly titleKeys = new Set<string>();
  private count = 0;

  constructor(seed = 42) {
    this.rnd = random(seed);
    this.titleTemplates = this.sample.titles.map(tokenizeTemplate);
    this.sentenceTemplates = this.sample.sentences.map(tokenizeTemplate);
    // The head of the distribution is real ML vocabulary, the long tail generated words.
    const words = new Set(this.sample.words);
    while (words.size < VOCABULARY_SIZE) words.add(this.makeWord());
    this.vocabulary = [...words];
    this.zipf = new Zipf(this.vocabulary.length, 1.05);
    const acronyms = new Set(this.sample.acronyms);
    while (acronyms.size < 3000) acronyms.add(this.makeAcronymLike());
    this.acronymPool = [...acronyms];
    this.acronymZipf = new Zipf(this.acronymPool.length, 1.1);
    const topics = TOPICS.filter((t) => !t.fallback);
    this.clusters = Array.from({ length: CLUSTERS }, (_, i) => {
      const topic = topics[i % topics.length]!;
      // A cluster's own words, drawn by global frequency but past the most common ones and
      // ranked afresh, so every topic has its own frequent words.
      const own = new Set<string>();
      while (own.size < CLUSTER_WORDS) {
        const rank = this.zipf.sample(this.rnd);
        if (rank >= 100) own.add(this.vocabulary[rank]!);
      }
      return {
        topic: topic.slug,
        words: [...own],
        zipf: new Zipf(own.size, 1.0),
        evidence: topic.evidence.map(([phrase]) => complete(phrase)),
        evidenceZipf: new Zipf(topic.evidence.length, 0.8, 1),
      };
    });
    // Some topics are much bigger than others, as in a real catalog.
    this.clusterZipf = new Zipf(CLUSTERS, 0.7, 1);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }

  /** A pronounceable made-up word of 4-14 letters: one or two syllables, maybe a prefix, often a suffix. */
  private makeWord(): string {
    for (;;) {
      let word = this.rnd() < 0.15 ? this.pick(PREFIXES) : "";
      for (let i = 0, n = this.rnd() < 0.6 ? 1 : 2; i < n; i++) {
        word += this.pick(ONSETS) + this.pick(VOWELS) + this.pick(CODAS);
      }
      word += this.pick(SUFFIXES);
      if (word.length >= 4 && word.length <= 14) return word;
    }
  }

  private makeAcronymLike(): string {
    const letters = "ABCDEFGHIJKLMNOPRSTUVW";
    let a = "";
    for (let i = 0, n = 2 + Math.floor(this.rnd() * 4); i < n; i++) a += this.pick([...letters]);
    return this.rnd() < 0.15 ? `${a}-${1 + Math.floor(this.rnd() * 9)}` : a;
  }

  private globalWord(): string {
    return this.vocabulary[this.zipf.sample(this.rnd)]!;
  }

  private word(cluster: Cluster): string {
    return this.rnd() < 0.5 ? cluster.words[cluster.zipf.sample(this.rnd)]! : this.globalWord();
  }

  /** A template with its content words replaced from the cluster's and the global vocabulary. */
  private fill(template: Token[], cluster: Cluster, titleCase: boolean): string {
    let out = "";
    for (const t of template) {
      if (t.slot === "keep") out += t.text;
      else if (t.slot === "caps") out += this.acronymPool[this.acronymZipf.sample(this.rnd)]!;
      else {
        let w = this.rnd() < 0.15 ? `${this.word(cluster)}-${this.word(cluster)}` : this.word(cluster);
        if (titleCase || /^[A-Z]/.test(t.text)) w = w[0]!.toUpperCase() + w.slice(1);
        out += w;
      }
    }
    return out;
  }

  /** "Full Object Optimization" and "FOO", or "Retrieval Modular Tensor" and "ReMoTe". */
  private acronym(cluster: Cluster): { name: string; expansion: string } {
    const n = 2 + Math.floor(this.rnd() * 3);
    const words = Array.from({ length: n }, () => {
      let w = this.word(cluster);
      while (w.length < 3 || w.includes("-")) w = this.word(cluster);
      return w[0]!.toUpperCase() + w.slice(1);
    });
    const style = this.rnd();
    let name = style < 0.55 || n > 3 ? words.map((w) => w[0]).join("") : words.map((w) => w.slice(0, 2)).join("");
    if (name.length < 3) name += words.at(-1)!.slice(1, 3).toUpperCase();
    if (this.rnd() < 0.1) name += String(2 + Math.floor(this.rnd() * 8));
    return { name, expansion: words.join(" ") };
  }

  /** The next paper: a new title, an abstract of the sample's length distribution that defines its acronym. */
  paper(): SyntheticPaper {
    const cluster = this.clusters[this.clusterZipf.sample(this.rnd)]!;
    const { name, expansion } = this.acronym(cluster);
    const evidence = () => cluster.evidence[cluster.evidenceZipf.sample(this.rnd)]!;

    let title = "";
    for (let tries = 0; ; tries++) {
      const body = this.fill(this.pick(this.titleTemplates), cluster, true);
      const base = this.rnd() < 0.5 ? `${body} for ${evidence().replace(/\b\w/g, (c) => c.toUpperCase())}` : body;
      title = this.rnd() < 0.65 || tries > 0 ? `${name}: ${base}` : base;
      title = title.replace(/[.;,:\s]+$/, "");
      const key = title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim();
      if (title.length <= 280 && !this.titleKeys.has(key)) {
        this.titleKeys.add(key);
        break;
      }
    }

    const target = this.pick(this.sample.abstractLengths) * (0.85 + this.rnd() * 0.3);
    const sentences: string[] = [];
    const definition = this.pick([
      `We propose ${expansion} (${name}), a ${this.word(cluster)} ${this.word(cluster)} for ${evidence()}.`,
      `To address this, we introduce ${expansion} (${name}), which ${this.word(cluster)}s ${evidence()} with ${this.word(cluster)}.`,
      `In this paper, we present ${expansion} (${name}), a framework for ${evidence()} and ${this.word(cluster)} ${this.word(cluster)}.`,
    ]);
    let length = definition.length;
    const definitionAt = this.rnd() < 0.3 ? 0 : 1 + Math.floor(this.rnd() * 2);
    while (length < target) {
      if (sentences.length === definitionAt) sentences.push(definition);
      else {
        let s = this.fill(this.pick(this.sentenceTemplates), cluster, false);
        // Topic evidence in about half the sentences, as a paper keeps naming its subject.
        if (this.rnd() < 0.45) s = s.replace(/ [a-z][a-z]{3,}(?=[ ,.])/, ` ${evidence()}`);
        sentences.push(s);
      }
      length += sentences.at(-1)!.length + 1;
    }
    if (!sentences.includes(definition)) sentences.push(definition);
    if (this.rnd() < 0.12)
      sentences.push(`Code is available at https://github.com/${this.globalWord()}/${name.toLowerCase()}.`);
    const index = this.count++;
    return {
      index,
      title,
      abstract: sentences.join(" "),
      name,
      expansion,
      topic: cluster.topic,
      cluster: this.clusters.indexOf(cluster),
    };
  }

  /** `count` new papers listed on `date`. */
  day(date: string, count: number): SyntheticDay {
    return { date, papers: Array.from({ length: count }, () => this.paper()) };
  }

  /**
   * A catalog of `count` distinct papers over consecutive days ending at
   * `endDate`: ~perDay new papers a weekday (a third on weekends), plus a
   * `repeatShare` of papers from the five days before trending again.
   */
  catalog(
    count: number,
    { endDate = "2026-11-28", perDay = 340, repeatShare = 0.1 }: CatalogOptions = {},
  ): SyntheticCatalog {
    const sizes: { date: string; size: number }[] = [];
    let day = new Date(`${endDate}T00:00:00Z`);
    for (let total = 0; total < count;) {
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      const size = Math.min(
        count - total,
        Math.max(1, Math.round(perDay * (weekend ? 0.35 : 1) * (0.8 + this.rnd() * 0.4))),
      );
      sizes.push({ date: day.toISOString().slice(0, 10), size });
      total += size;
      day = new Date(day.getTime() - 86_400_000);
    }
    const papers: SyntheticPaper[] = [];
    const days: SyntheticDay[] = [];
    for (const { date, size } of sizes.reverse()) {
      const fresh = this.day(date, size);
      const recent = days.slice(-5).flatMap((d) => d.papers);
      const again = new Set<SyntheticPaper>();
      for (let i = 0, n = Math.round(size * repeatShare); i < n * 3 && again.size < n && recent.length; i++) {
        again.add(this.pick(recent));
      }
      // Papers trending again mostly rank high: they are what people are still reading.
      const list = [...fresh.papers];
      for (const p of again) list.splice(Math.floor(this.rnd() * this.rnd() * list.length), 0, p);
      papers.push(...fresh.papers);
      days.push({ date, papers: list });
    }
    return { papers, days };
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-28" → "Nov 28, 2026": a trending page's date line with the year, so no "today" is needed. */
export function dateLine(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${MONTHS[m! - 1]} ${d}, ${y}`;
}

/** A trending page (lib/feed/text-page.ts) listing the days, each under its own date line. */
export function textPage(days: SyntheticDay[]): string {
  const parts = ["Trending Papers", "Subscribe"];
  for (const day of days) {
    parts.push(dateLine(day.date));
    for (const p of day.papers) parts.push(p.title, p.abstract);
  }
  return parts.join("\n\n") + "\n";
}

export type SyntheticFeed = { text: string; titles: string[]; names: string[] };

/**
 * One trending page of `count` papers under the year-less date line "Mar 11"
 * (so `--date` may override it), about 1.7 KB per paper like the sample; titles
 * are distinct and names[i] is the acronym paper i defines.
 */
export function syntheticFeed(count: number, seed = 42): SyntheticFeed {
  const papers = new SyntheticGenerator(seed).day("2026-03-11", count).papers;
  const parts = ["Trending Papers", "Subscribe", "Mar 11"];
  for (const p of papers) parts.push(p.title, p.abstract);
  return { text: parts.join("\n\n") + "\n", titles: papers.map((p) => p.title), names: papers.map((p) => p.name) };
}
