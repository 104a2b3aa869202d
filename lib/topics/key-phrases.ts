// Up to eight key phrases per paper, in the paper's own words: a RAKE-style
// extraction (Rose et al., 2010) over the title and abstract. Candidates are
// runs of content words between stop words and punctuation; a word scores by how
// often it sits in longer runs, a phrase by its words, more when the title has
// it or the abstract repeats it. Per paper and deterministic: no corpus needed.
import { asciiFolder, foldWord, STOP_WORDS } from "@/lib/search/terms";

export const MAX_KEY_PHRASES = 8;
const MAX_PHRASE_WORDS = 3;

/** Words too common in abstracts to make a key phrase on their own or at a phrase's edge. */
const FILLER = new Set(
  (
    "paper propose proposed proposes present presents presented show shows shown showing results result approach " +
    "approaches method methods work works novel new existing also using use used uses based demonstrate demonstrates " +
    "demonstrated however furthermore moreover additionally study studies performance significantly significant " +
    "achieve achieves achieved improve improves improved improving improvement improvements across various different " +
    "several many well first one two three both each more most other only further thus therefore often even still much " +
    "may might could would should make makes made including include includes between among task tasks model models " +
    "framework frameworks paradigm effective effectiveness efficient promising recent recently large-scale large small " +
    "high low better best strong same such specific specifically particular particularly given while since because " +
    "experiments experimental extensive comprehensive key main via like just some all any own overall given e g i " +
    "etc et al respectively able about after again against before below during out up down off above very s t " +
    "not no nor towards toward offer offers offered provide provides provided good yield yields capable adequate unless " +
    "directly targeted due arise arises maintain maintains allow allows us another consider considers facilitate future " +
    "research ignore ignores remain remains become becomes lead leads need needs require requires enable enables " +
    "introduce introduces introduced explore explores investigate investigates find finds found highlight highlights " +
    "reveal reveals suggest suggests indicate indicates outperform outperforms outperforming leverage leverages " +
    "leveraging utilize utilizes utilizing employ employs address addresses addressing focus focuses aim aims " +
    "pivotal crucial important critical essential notable remarkable impressive substantial considerable " +
    "typically generally usually commonly widely simply thereby hence yet already always never less fewer " +
    "either neither certain reach reaches total required whether whose thereby upon"
  ).split(" "),
);

const isStop = (w: string) => STOP_WORDS.has(w) || FILLER.has(w);

/** Everything that decides the phrases, for the tagging version: change any of it and papers are re-tagged. */
export const KEY_PHRASE_RULES = { MAX_KEY_PHRASES, MAX_PHRASE_WORDS, filler: [...FILLER].sort(), version: 2 };

/** A word with inner hyphens, dots or apostrophes ("vision-language", "k1.5", "model's"), or a boundary. */
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}'’.-]*[\p{L}\p{N}])?|[.,;:!?()[\]{}"“”|/]|\s[-–—]\s/gu;
/**
 * TOKEN for text that is all ASCII, where it matches exactly the same tokens
 * (letters and digits are [A-Za-z0-9] there, and the curly quotes and dashes
 * cannot occur); Unicode property classes make the general one several times slower.
 */
const ASCII_TOKEN = /[A-Za-z0-9](?:[A-Za-z0-9'.-]*[A-Za-z0-9])?|[.,;:!?()[\]{}"|/]|\s-\s/g;
const ASCII = /^[\x00-\x7f]*$/;
const NUMBER = /^\d+(?:[.,]\d+)*$/;

type Word = { raw: string; folded: string };

/** The one-character tokens TOKEN matches that are punctuation, not words. */
const PUNCTUATION = new Set('.,;:!?()[]{}"“”|/');

/** Whether a TOKEN match is a word: multi-character matches are words unless they are a spaced dash. */
const isWordToken = (token: string) => (token.length === 1 ? !PUNCTUATION.has(token) : !/^\s/.test(token));

/** Runs of content words, split at punctuation and stop words, each word as written and folded. */
function candidates(text: string): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const end = () => {
    if (run.length && run.length <= MAX_PHRASE_WORDS) runs.push(run);
    run = [];
  };
  // exec in a loop rather than matchAll: this runs over every abstract an ingest tags.
  const ascii = ASCII.test(text);
  const pattern = ascii ? ASCII_TOKEN : TOKEN;
  const fold = ascii ? asciiFolder(text) : foldWord;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const token = m[0];
    if (!isWordToken(token)) {
      end();
      continue;
    }
    const folded = fold(token);
    // NUMBER only matches tokens that start with a digit.
    const c = token.charCodeAt(0);
    if (isStop(folded) || (c >= 48 && c <= 57 && NUMBER.test(token))) end();
    else run.push({ raw: token, folded });
  }
  end();
  return runs;
}

/**
 * A phrase's identity: folded words without hyphens ("Pre-training" =
 * "pretraining"), plural-insensitive ("language model" = "language models").
 */
const keyOf = (run: Word[]) =>
  run
    .map((w) => w.folded.replace(NON_WORD, ""))
    .join(" ")
    .replace(PLURAL, "");
const NON_WORD = /[^\p{L}\p{N}]/gu;
const PLURAL = /(?<=\w{3})(es|s)\b/g;

/** The paper's key phrases, best first. */
export function keyPhrases(title: string, abstract: string): string[] {
  const titleRuns = candidates(title);
  const titleKeys = new Set(titleRuns.map(keyOf));
  const runs = [...titleRuns, ...candidates(abstract)];
  const freq = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const run of runs) {
    for (const { folded } of run) {
      freq.set(folded, (freq.get(folded) ?? 0) + 1);
      degree.set(folded, (degree.get(folded) ?? 0) + run.length);
    }
  }
  const phrases = new Map<string, { text: string; score: number; count: number }>();
  for (const run of runs) {
    const key = keyOf(run);
    const entry = phrases.get(key);
    if (entry) {
      entry.count++;
      continue;
    }
    const score = run.reduce((sum, w) => sum + degree.get(w.folded)! / freq.get(w.folded)!, 0);
    phrases.set(key, { text: run.map((w) => w.raw).join(" "), score, count: 1 });
  }
  const ranked = [...phrases.entries()]
    .filter(([, p]) => p.text.length >= 4 && (p.text.includes(" ") || /\p{Lu}.*\p{Lu}|\d/u.test(p.text) || p.count > 1))
    .map(([key, p]) => ({
      text: p.text,
      key,
      score: p.score * (titleKeys.has(key) ? 2 : 1) * Math.min(2.5, 1 + (p.count - 1) * 0.75),
    }))
    .sort((a, b) => b.score - a.score || a.text.localeCompare(b.text));
  const chosen: string[] = [];
  const chosenKeys: string[] = [];
  for (const p of ranked) {
    // Skip a phrase that only repeats part of one already chosen.
    const padded = ` ${p.key} `;
    if (chosenKeys.some((c) => c.includes(padded))) continue;
    chosen.push(p.text);
    chosenKeys.push(padded);
    if (chosen.length === MAX_KEY_PHRASES) break;
  }
  return chosen;
}
