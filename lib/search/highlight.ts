// Splits text into plain and highlighted parts for the terms a search matched,
// using the same tokenizer and folding as the index, so "Pretraining" is marked
// for a match on "pretraining" and "Modèle" for "modele". Pure: no React.
import { normalizeTerm, tokenize } from "@/lib/search/terms";

export type TextPart = { text: string; match: boolean };

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Parts of `text` in order; words whose folded form is in `terms` have match: true. */
export function highlightParts(text: string, terms: ReadonlySet<string>): TextPart[] {
  if (terms.size === 0) return [{ text, match: false }];
  const parts: TextPart[] = [];
  const push = (s: string, match: boolean) => {
    if (!s) return;
    const prev = parts.at(-1);
    if (prev && prev.match === match) prev.text += s;
    else parts.push({ text: s, match });
  };
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    push(text.slice(last, m.index), false);
    const word = m[0];
    const pieces = tokenize(word);
    if (pieces.length === 1 && pieces[0] === word) {
      const t = normalizeTerm(word);
      push(word, t !== null && terms.has(t));
    } else {
      pushPieces(word, pieces, terms, push);
    }
    last = m.index + word.length;
  }
  push(text.slice(last), false);
  return parts;
}

/** Marks the characters of a word split into several terms (CJK pairs) that a matched term covers. */
function pushPieces(word: string, pieces: string[], terms: ReadonlySet<string>, push: (s: string, m: boolean) => void) {
  const marked = new Array<boolean>(word.length).fill(false);
  let from = 0;
  for (const piece of pieces) {
    const at = word.indexOf(piece, from);
    if (at < 0) continue;
    const t = normalizeTerm(piece);
    if (t && terms.has(t)) marked.fill(true, at, at + piece.length);
    from = at + 1;
  }
  let start = 0;
  for (let k = 1; k <= word.length; k++) {
    if (k === word.length || marked[k] !== marked[start]) {
      push(word.slice(start, k), marked[start]!);
      start = k;
    }
  }
}
