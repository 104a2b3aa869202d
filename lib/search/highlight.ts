// Splits text into plain and highlighted parts for the terms a search matched,
// using the same tokenizer and terms as the index, so "Pretrained" is marked for
// a match on "pretrain", "Modèle" for "modele" and "pre-training" for
// "pretraining". Pure: no React.
import { COMPOUND, indexTerms, joinedCompound, tokenize } from "@/lib/search/terms";

export type TextPart = { text: string; match: boolean };

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Parts of `text` in order; words whose folded form is in `terms` have match: true. */
export function highlightParts(text: string, terms: ReadonlySet<string>): TextPart[] {
  if (terms.size === 0) return [{ text, match: false }];
  const marked = new Uint8Array(text.length);
  const mark = (from: number, to: number) => marked.fill(1, from, to);
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const pieces = tokenize(word);
    if (pieces.length === 1 && pieces[0] === word) {
      if (indexTerms(word).some((t) => terms.has(t))) mark(m.index, m.index + word.length);
      continue;
    }
    // A word split into several terms (CJK pairs): mark the characters a matched term covers.
    let from = 0;
    for (const piece of pieces) {
      const at = word.indexOf(piece, from);
      if (at < 0) continue;
      if (indexTerms(piece).some((t) => terms.has(t))) mark(m.index + at, m.index + at + piece.length);
      from = at + 1;
    }
  }
  for (const m of text.matchAll(COMPOUND)) {
    const joined = joinedCompound(m[0]);
    if (joined && indexTerms(joined).some((t) => terms.has(t))) mark(m.index, m.index + m[0].length);
  }
  const parts: TextPart[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      parts.push({ text: text.slice(start, i), match: marked[start] === 1 });
      start = i;
    }
  }
  return parts;
}
