// The few lines of an abstract that a card shows: its opening, or for a search
// the sentence that matches best, cut at a word boundary.
// Works on rich-text segments so math and links are never cut in half. Pure.
import { indexTerms, tokenize } from "@/lib/search/terms";
import { texToPlain, type Segment } from "@/lib/text/rich-text";

const ELLIPSIS = "…";

const lengthOf = (s: Segment) => (s.kind === "math" ? texToPlain(s.tex).length : s.text.length);

/** How many distinct matched terms a stretch of text contains. */
function matchedTerms(text: string, terms: ReadonlySet<string>): number {
  const found = new Set<string>();
  for (const w of tokenize(text)) for (const t of indexTerms(w)) if (terms.has(t)) found.add(t);
  return found.size;
}

/**
 * Where the excerpt starts: the sentence of the abstract that contains the most
 * matched terms (the earliest of equals), unless the opening already shows it.
 */
function startPoint(
  segments: Segment[],
  maxChars: number,
  terms?: ReadonlySet<string>,
): { seg: number; offset: number } {
  const start = { seg: 0, offset: 0 };
  if (!terms?.size) return start;
  let best = { ...start, score: 0, before: 0 };
  let before = 0;
  segments.forEach((s, seg) => {
    if (s.kind === "text") {
      for (const m of s.text.matchAll(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g)) {
        const score = matchedTerms(m[0], terms);
        if (score > best.score) best = { seg, offset: m.index, score, before: before + m.index };
      }
    }
    before += lengthOf(s);
  });
  // Starting mid-abstract only pays when the best sentence would not show from the start.
  return best.before + 80 < maxChars ? start : { seg: best.seg, offset: best.offset };
}

/**
 * At most about `maxChars` characters of `segments`, ending at a word boundary
 * with an ellipsis when cut, starting mid-text (with an ellipsis) when a match
 * lies beyond the opening.
 */
export function excerpt(segments: Segment[], maxChars: number, terms?: ReadonlySet<string>): Segment[] {
  const start = startPoint(segments, maxChars, terms);
  const out: Segment[] = [];
  let budget = maxChars;
  if (start.seg > 0 || start.offset > 0) out.push({ kind: "text", text: ELLIPSIS });
  for (let i = start.seg; i < segments.length; i++) {
    let s = segments[i]!;
    if (i === start.seg && start.offset > 0 && s.kind === "text")
      s = { kind: "text", text: s.text.slice(start.offset) };
    const len = lengthOf(s);
    if (len <= budget) {
      out.push(s);
      budget -= len;
      continue;
    }
    if (s.kind === "text" || s.kind === "styled") {
      const cut = s.text.slice(0, budget + 1);
      const space = cut.lastIndexOf(" ");
      const kept = (space > budget * 0.5 ? cut.slice(0, space) : cut.slice(0, budget)).replace(/[\s,;:.]+$/, "");
      if (kept) out.push({ ...s, text: kept });
    }
    out.push({ kind: "text", text: ELLIPSIS });
    break;
  }
  return out;
}
