// The benchmark's query set: a fixed mix of searches drawn deterministically
// from a synthetic catalog (scripts/lib/synthetic-feed.ts), so every size gets
// queries of the same kinds with real hits: common and rare single words, two
// and three words from one paper, cut words (prefixes), one- and two-edit typos,
// acronyms, quoted phrases and topic filters.
import { random, type SyntheticPaper } from "./synthetic-feed";

export type QueryKind =
  "common" | "rare" | "two-terms" | "three-terms" | "prefix" | "typo-1" | "typo-2" | "acronym" | "phrase" | "topic";

export type BenchQuery = { kind: QueryKind; q: string };

/** Queries per kind: 124 in all. */
const PER_KIND: Record<QueryKind, number> = {
  common: 12,
  rare: 12,
  "two-terms": 14,
  "three-terms": 12,
  prefix: 12,
  "typo-1": 12,
  "typo-2": 6,
  acronym: 14,
  phrase: 12,
  topic: 12,
};

/** Words too plain to be a query on their own (they would match every paper). */
const FUNCTION_WORDS = new Set(
  (
    "a an and are as at be been but by can do does for from had has have how if in into is it its of on or our " +
    "over so such than that the their them then there these they this those through to under up via was we were " +
    "what when where which while who why will with within without you your not more most both each all also however"
  ).split(" "),
);

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z]{3,}/g) ?? [];

/** One or two random edits (substitution, deletion, insertion, transposition) inside a word. */
function typo(word: string, edits: number, rnd: () => number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let w = word;
  for (let e = 0; e < edits; e++) {
    const i = 1 + Math.floor(rnd() * (w.length - 2)); // keep the first and last letters
    const kind = Math.floor(rnd() * 4);
    const c = letters[Math.floor(rnd() * 26)]!;
    if (kind === 0) w = w.slice(0, i) + c + w.slice(i + 1);
    else if (kind === 1) w = w.slice(0, i) + w.slice(i + 1);
    else if (kind === 2) w = w.slice(0, i) + c + w.slice(i);
    else w = w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
  }
  return w;
}

/**
 * The query set for a catalog. Document frequencies are counted over the whole
 * catalog so "common" and "rare" mean what they say at every size.
 */
export function benchQueries(papers: SyntheticPaper[], topicSlugs: string[], seed = 7): BenchQuery[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const df = new Map<string, number>();
  const names = new Map<string, number>();
  for (const p of papers) {
    for (const w of new Set(wordsOf(`${p.title} ${p.abstract}`))) df.set(w, (df.get(w) ?? 0) + 1);
    names.set(p.name, (names.get(p.name) ?? 0) + 1);
  }
  const content = [...df].filter(([w]) => !FUNCTION_WORDS.has(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const n = papers.length;
  const common = content.slice(0, 40).map(([w]) => w);
  const rare = content.filter(([w, f]) => f >= 2 && f <= Math.max(3, n / 2000) && w.length >= 5).map(([w]) => w);
  const middle = content.filter(([, f]) => f >= n / 1000 && f <= n / 20).map(([w]) => w);
  const out: BenchQuery[] = [];
  const add = (kind: QueryKind, make: () => string | null) => {
    for (let made = 0, tries = 0; made < PER_KIND[kind] && tries < 1000; tries++) {
      const q = make();
      if (q && !out.some((x) => x.q === q)) {
        out.push({ kind, q });
        made++;
      }
    }
  };
  const paperWords = (p: SyntheticPaper) =>
    wordsOf(p.abstract).filter((w) => !FUNCTION_WORDS.has(w) && (df.get(w) ?? 0) >= 2 && (df.get(w) ?? 0) < n / 4);

  add("common", () => pick(common));
  add("rare", () => (rare.length ? pick(rare) : null));
  add("two-terms", () => {
    const ws = paperWords(pick(papers));
    return ws.length >= 2 ? `${pick(ws)} ${pick(ws)}` : null;
  });
  add("three-terms", () => {
    const ws = paperWords(pick(papers));
    return ws.length >= 3 ? `${pick(ws)} ${pick(ws)} ${pick(ws)}` : null;
  });
  add("prefix", () => {
    const w = pick(middle.length ? middle : common);
    return w.length >= 7 ? w.slice(0, 4 + Math.floor(rnd() * 3)) : null;
  });
  for (const [kind, edits] of [
    ["typo-1", 1],
    ["typo-2", 2],
  ] as const) {
    add(kind, () => {
      const w = pick(middle.length ? middle : common);
      if (w.length < 6 + edits) return null;
      const t = typo(w, edits, rnd);
      return t !== w && !df.has(t) ? t : null;
    });
  }
  add("acronym", () => {
    const p = pick(papers);
    return names.get(p.name) === 1 ? p.name : null;
  });
  add("phrase", () => {
    const ws = pick(papers)
      .title.split(/\s+/)
      .filter((w) => /^[A-Za-z]{3,}$/.test(w));
    if (ws.length < 3) return null;
    const len = 2 + Math.floor(rnd() * 2);
    const at = Math.floor(rnd() * (ws.length - len + 1));
    return `"${ws.slice(at, at + len).join(" ")}"`;
  });
  add("topic", () => {
    const r = rnd();
    const slug = pick(topicSlugs);
    if (r < 0.3) return `topic:${slug}`;
    if (r < 0.8) return `topic:${slug} ${pick(common.slice(10))}`;
    return `topic:${slug} topic:${pick(topicSlugs)}`;
  });
  return out;
}
