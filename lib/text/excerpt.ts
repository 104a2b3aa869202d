// The few lines of an abstract that a card shows: its opening, or for a search
// the sentence where the first matched word appears, cut at a word boundary.
// Works on rich-text segments so math and links are never cut in half. Pure.
import { normalizeTerm, tokenize } from "@/lib/search/terms";
import { texToPlain, type Segment } from "@/lib/text/rich-text";

const ELLIPSIS = "…";

const lengthOf = (s: Segment) => (s.kind === "math" ? texToPlain(s.tex).length : s.text.length);

/** Index in `text` of the first word whose folded form is in `terms`, or -1. */
function firstMatch(text: string, terms: ReadonlySet<string>): number {
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (tokenize(m[0]).some((w) => terms.has(normalizeTerm(w) ?? ""))) return m.index;
  }
  return -1;
}

/** Where the excerpt starts: the start of the sentence with the first match, if the opening does not show it. */
function startPoint(
  segments: Segment[],
  maxChars: number,
  terms?: ReadonlySet<string>,
): { seg: number; offset: number } {
  if (!terms?.size) return { seg: 0, offset: 0 };
  let before = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.kind === "text") {
      const at = firstMatch(s.text, terms);
      if (at >= 0) {
        if (before + at < maxChars * 0.6) return { seg: 0, offset: 0 };
        const sentence = Math.max(s.text.lastIndexOf(". ", at) + 2, s.text.lastIndexOf("\n", at) + 1, 0);
        return { seg: i, offset: sentence };
      }
    }
    before += lengthOf(s);
  }
  return { seg: 0, offset: 0 };
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
