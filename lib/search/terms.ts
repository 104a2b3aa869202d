// How text becomes search terms, shared by the index, queries, highlighting and
// topic tagging, so that what is highlighted is exactly what matched. Pure.
//
// Words are runs of letters, digits and combining marks (so "AstroM³" and
// "vision-language" split sensibly). Han and kana have no spaces between words,
// so their runs are indexed as overlapping character pairs: a query in Chinese
// or Japanese then matches any title containing it. Words are folded for
// compatibility form, accents, case and British spelling ("Modèle" finds
// "modele", "³" finds "3", "quantisation" finds "quantization"), then reduced to
// their Porter stem ("pretrained" finds "pretraining"). Acronyms and names
// ("MATES", "E2S2") are also kept whole, so a search for the acronym does not
// match every word it stems to. Compounds that people also write as one word
// ("pre-training", "multi-lingual") add the joined word, so either spelling
// finds the other.
import { stemmer } from "stemmer";
import { americanize, mayNeedAmericanizing } from "@/lib/search/spelling";

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Words joined by hyphens (ASCII or Unicode hyphen, non-breaking hyphen). */
export const COMPOUND = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)+/gu;
const WORD_OR_COMPOUND = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;
const HYPHEN = /[-\u2010\u2011]/;
const ASCII_WORD_OR_COMPOUND = /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g;
const CJK_RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ASCII = /^[\x00-\x7f]*$/;

/** Function words that match nearly every abstract; dropping them keeps results and the index lean. */
export const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can do does for from had has have how if in into is it its " +
    "of on or our over so such than that the their them then there these they this those through to " +
    "under up via was we were what when where which while who why will with within without you your"
  ).split(" "),
);

/** First halves of compounds that are also written as one word ("pre-training", "pretraining"). */
const JOINABLE_PREFIXES = new Set(
  "pre post multi non co re fine semi sub inter cross bi meta hyper super auto mid anti intra micro macro mini uni omni over under".split(
    " ",
  ),
);

/** "pre-training" → "pretraining" when its first part is such a prefix; null otherwise. */
export function joinedCompound(compound: string): string | null {
  const parts = compound.split(/[-\u2010\u2011]/);
  return parts.length === 2 && JOINABLE_PREFIXES.has(parts[0]!.toLowerCase()) ? parts.join("") : null;
}

/** Splits text into raw words (CJK runs into character pairs), without compound joining. */
export function splitWords(text: string): string[] {
  // Fast path for the common case; indexing a large catalog spends much of its time here.
  if (!HAS_CJK.test(text)) return text.match(WORD) ?? [];
  const out: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    for (const [run] of word.matchAll(CJK_RUN)) {
      if (!CJK.test(run) || run.length === 1) out.push(run);
      else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

/** Splits text into raw words, plus the joined form of joinable compounds. */
export function tokenize(text: string): string[] {
  const out = splitWords(text);
  if (text.includes("-") || text.includes("\u2010") || text.includes("\u2011")) {
    for (const [compound] of text.matchAll(COMPOUND)) {
      const joined = joinedCompound(compound);
      if (joined) out.push(joined);
    }
  }
  return out;
}

/** Recent folds: a catalog's vocabulary repeats, and folding is on every hot path. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_SIZE = 100_000;

/** Folds a word for matching: compatibility form, no accents, lower case, American spelling. */
export function foldWord(word: string): string {
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  const lower = ASCII.test(word)
    ? word.toLowerCase()
    : word.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  const folded = americanize(lower);
  if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear();
  foldCache.set(word, folded);
  return folded;
}

const lowerCase = (word: string) => word.toLowerCase();

/**
 * foldWord for the words of an ASCII text: plain lower-casing when no word of it
 * has a British spelling to fold, which is most texts. Tagging folds every word
 * of every abstract, and even a cache hit costs a hash of the word.
 */
export function asciiFolder(text: string): (word: string) => string {
  return mayNeedAmericanizing(text) ? foldWord : lowerCase;
}

const stemCache = new Map<string, string>();

/** The Porter stem of a folded ASCII word; other scripts are left as they are. */
function stem(folded: string): string {
  if (!/^[a-z]+$/.test(folded)) return folded;
  let stemmed = stemCache.get(folded);
  if (stemmed === undefined) {
    stemmed = stemmer(folded);
    if (stemCache.size >= FOLD_CACHE_SIZE) stemCache.clear();
    stemCache.set(folded, stemmed);
  }
  return stemmed;
}

/** Acronyms and names: two capitals ("MATES", "SpQR") or letters mixed with digits ("E2S2", "FP8"). */
const isAcronymLike = (word: string) => /\p{Lu}.*\p{Lu}/u.test(word) || /\p{L}\p{N}|\p{N}\p{L}/u.test(word);

/** The terms a word is indexed under: its stem, and an acronym also whole. None for stop words. */
export function indexTerms(word: string): string[] {
  const folded = foldWord(word);
  if (!folded || STOP_WORDS.has(folded)) return [];
  const stemmed = stem(folded);
  return isAcronymLike(word) && stemmed !== folded ? [folded, stemmed] : [stemmed];
}

/** The term a query word looks up: an acronym whole, any other word by its stem; null for stop words. */
export function queryTerm(word: string): string | null {
  const folded = foldWord(word);
  if (!folded || STOP_WORDS.has(folded)) return null;
  return isAcronymLike(word) ? folded : stem(folded);
}

/** The query terms of a text, in order, stop words removed. */
export function termsOf(text: string): string[] {
  return tokenize(text).flatMap((w) => queryTerm(w) ?? []);
}

/**
 * The text as a sequence of folded words for phrase matching and tagging: stop
 * words kept, joinable compounds as one word, other hyphens as spaces, so
 * "pre-training data" and "pretraining data" (and "vision-language" and
 * "vision language") read the same.
 */
export function canonicalWords(text: string): string[] {
  if (ASCII.test(text)) {
    // The common case, with a cheaper pattern than the Unicode one below.
    const fold = asciiFolder(text);
    const out: string[] = [];
    for (const [w] of text.matchAll(ASCII_WORD_OR_COMPOUND)) {
      if (w.includes("-")) {
        const joined = joinedCompound(w);
        if (joined) out.push(fold(joined));
        else for (const part of w.split("-")) out.push(fold(part));
      } else out.push(fold(w));
    }
    return out;
  }
  if (HAS_CJK.test(text)) {
    return splitWords(text.replace(COMPOUND, (compound) => joinedCompound(compound) ?? compound)).map(foldWord);
  }
  const out: string[] = [];
  for (const [w] of text.matchAll(WORD_OR_COMPOUND)) {
    if (w.length > 2 && HYPHEN.test(w)) {
      const joined = joinedCompound(w);
      if (joined) out.push(foldWord(joined));
      else for (const part of w.split(HYPHEN)) out.push(foldWord(part));
    } else out.push(foldWord(w));
  }
  return out;
}
