// Assigns each paper one to four topics from lib/topics/taxonomy.ts, strongest
// first, with the evidence that assigned them, plus its key phrases. The rules,
// all visible here:
// - Every evidence phrase found scores its weight × (3 if the title has it) +
//   its weight × (1 + 1/2 + 1/3 ... for up to three mentions in the abstract).
// - A topic needs at least MIN_SCORE and at least RELATIVE_CUTOFF of the best
//   topic's score; at most MAX_TOPICS are kept.
// - A paper that no topic fits gets the fallback topic.
// Pure: same paper, same topics.
import { createHash } from "node:crypto";
import { canonicalWords } from "@/lib/search/terms";
import { KEY_PHRASE_RULES, keyPhrases } from "@/lib/topics/key-phrases";
import { TOPICS } from "@/lib/topics/taxonomy";
import { plainText } from "@/lib/text/rich-text";

export const TITLE_WEIGHT = 3;
export const MIN_SCORE = 5;
export const RELATIVE_CUTOFF = 0.3;
export const MAX_TOPICS = 4;
const MAX_ABSTRACT_MENTIONS = 3;

export type TopicMatch = { slug: string; score: number; evidence: string[] };
export type Tagging = { topics: TopicMatch[]; keyPhrases: string[] };

/** Changes whenever the taxonomy or these rules change: stored tags with another version are stale. */
export const TAGGING_VERSION = createHash("sha256")
  .update(
    JSON.stringify({
      TOPICS,
      TITLE_WEIGHT,
      MIN_SCORE,
      RELATIVE_CUTOFF,
      MAX_TOPICS,
      MAX_ABSTRACT_MENTIONS,
      KEY_PHRASE_RULES,
      rules: 3,
    }),
  )
  .digest("hex")
  .slice(0, 12);

type Pattern = { topic: string; phrase: string; words: string[]; prefix: boolean; weight: number };

const PATTERNS: Pattern[] = TOPICS.flatMap((topic) =>
  topic.evidence.map(([phrase, weight]) => ({
    topic: topic.slug,
    phrase: phrase.replace(/\*$/, "…"),
    words: canonicalWords(phrase.replace(/\*$/, "")),
    prefix: phrase.endsWith("*"),
    weight,
  })),
);
/** Patterns by their first word, so a text is scanned once whatever the number of patterns. */
const BY_FIRST_WORD = new Map<string, Pattern[]>();
/** One-word prefix patterns ("quantiz*"), by their first three letters: only those can match a word. */
const PREFIX_WORDS = new Map<string, Pattern[]>();
const add = (map: Map<string, Pattern[]>, key: string, p: Pattern) => map.set(key, [...(map.get(key) ?? []), p]);
for (const p of PATTERNS) {
  if (p.prefix && p.words.length === 1) add(PREFIX_WORDS, p.words[0]!.slice(0, 3), p);
  else add(BY_FIRST_WORD, p.words[0]!, p);
}

/** Whether `p` occurs in `words` at position `i`. */
function matchesAt(words: string[], i: number, p: Pattern): boolean {
  const last = p.words.length - 1;
  if (i + last >= words.length) return false;
  for (let k = 0; k <= last; k++) {
    const w = words[i + k]!;
    const want = p.words[k]!;
    if (!(w === want || (k === last && p.prefix && w.startsWith(want)))) return false;
  }
  return true;
}

/** How many times each pattern occurs in `words`. */
function countPatterns(words: string[]): Map<Pattern, number> {
  const counts = new Map<Pattern, number>();
  // A plain loop: this runs for every word of every paper an ingest tags.
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const first = BY_FIRST_WORD.get(word);
    if (first) for (const p of first) if (matchesAt(words, i, p)) counts.set(p, (counts.get(p) ?? 0) + 1);
    const prefixed = PREFIX_WORDS.get(word.slice(0, 3));
    if (prefixed) for (const p of prefixed) if (word.startsWith(p.words[0]!)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

const harmonicSum = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
/** 1 + 1/2 + ... + 1/n for every mention count that scores, summed once at load (same floats as summing each time). */
const HARMONIC = Array.from({ length: MAX_ABSTRACT_MENTIONS + 1 }, (_, n) => harmonicSum(n));
const harmonic = (n: number) => HARMONIC[n]!;

function scoreTopics(title: string[], abstract: string[]): Map<string, TopicMatch> {
  const inTitle = countPatterns(title);
  const inAbstract = countPatterns(abstract);
  const scores = new Map<string, TopicMatch>(TOPICS.map((t) => [t.slug, { slug: t.slug, score: 0, evidence: [] }]));
  for (const p of new Set([...inTitle.keys(), ...inAbstract.keys()])) {
    const m = scores.get(p.topic)!;
    const abstractMentions = Math.min(inAbstract.get(p) ?? 0, MAX_ABSTRACT_MENTIONS);
    m.score += p.weight * ((inTitle.has(p) ? TITLE_WEIGHT : 0) + harmonic(abstractMentions));
    m.evidence.push(p.phrase);
  }
  for (const m of scores.values()) m.score = Math.round(m.score * 100) / 100;
  return scores;
}

/** The topics of a paper, strongest first (never empty). */
export function tagTopics(title: string, abstract: string): TopicMatch[] {
  return topicsOfPlain(plainText(title), plainText(abstract));
}

/** tagTopics for a title and abstract already reduced to plain text. */
function topicsOfPlain(title: string, abstract: string): TopicMatch[] {
  const scores = scoreTopics(canonicalWords(title), canonicalWords(abstract));
  const scored = TOPICS.filter((topic) => !topic.fallback)
    .map((topic) => scores.get(topic.slug)!)
    .filter((m) => m.score >= MIN_SCORE)
    .sort((x, y) => y.score - x.score || x.slug.localeCompare(y.slug));
  const best = scored[0]?.score ?? 0;
  const chosen = scored.filter((m) => m.score >= best * RELATIVE_CUTOFF).slice(0, MAX_TOPICS);
  if (chosen.length > 0) return chosen;
  return [scores.get(TOPICS.find((topic) => topic.fallback)!.slug)!];
}

/** Topics and key phrases of a paper. */
export function tagPaper(title: string, abstract: string): Tagging {
  return tagPlainText(plainText(title), plainText(abstract));
}

/**
 * tagPaper for a title and abstract already reduced to plainText(): the ingest
 * parses each abstract once for its links and its tags.
 */
export function tagPlainText(title: string, abstract: string): Tagging {
  return { topics: topicsOfPlain(title, abstract), keyPhrases: keyPhrases(title, abstract) };
}
