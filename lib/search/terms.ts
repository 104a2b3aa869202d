// How text becomes search terms, shared by the index, queries and highlighting so
// that what is highlighted is exactly what matched. Pure: no I/O.
//
// Words are runs of letters, digits and combining marks (so "AstroM³" and
// "vision-language" split sensibly). Han and kana have no spaces between words,
// so their runs are indexed as overlapping character pairs: a query in Chinese
// or Japanese then matches any title containing it. Terms are folded for
// compatibility form, accents and case ("Modèle" finds "modele", "³" finds "3").

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
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

/** Splits text into raw words (CJK runs into character pairs). */
export function tokenize(text: string): string[] {
  // Fast path for the common case; indexing a large catalog spends most of its time here.
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

/** Folds a word for matching; null for stop words. */
export function normalizeTerm(word: string): string | null {
  const term = ASCII.test(word)
    ? word.toLowerCase()
    : word.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  return term && !STOP_WORDS.has(term) ? term : null;
}

/** The terms of a text, in order, stop words removed. */
export function termsOf(text: string): string[] {
  return tokenize(text).flatMap((w) => normalizeTerm(w) ?? []);
}
