// Suggestions while typing in the search box: completions of the query from the
// words of titles, acronyms and topic names (the completed words of the best
// matching papers, as MiniSearch's auto-suggest would offer), topics whose name
// matches, and papers whose title or acronym matches. Pure over the search state.
import { searchIndex } from "@/lib/search/engine";
import { surfaceOf, type SearchState } from "@/lib/search/state";
import { TOPICS } from "@/lib/topics/taxonomy";
import { foldWord, termsOf } from "@/lib/search/terms";
import { plainText } from "@/lib/text/rich-text";

export type Suggestion = { kind: "query" | "topic" | "paper"; label: string; href: string };

export const MAX_SUGGESTIONS = 8;
const SUGGEST_FIELDS = ["title", "acronyms", "topics"];

/** Completions, topics and papers for what has been typed so far (nothing for fewer than two characters). */
export function suggest(state: SearchState, typed: string): Suggestion[] {
  const q = typed.replace(/\s+/g, " ").trim();
  if (q.length < 2 || termsOf(q).length === 0) return [];
  const fuzzy = (term: string) => (term.length >= 5 ? 1 : false);
  const prefix = (_t: string, i: number, terms: string[]) => i === terms.length - 1;
  // Complete the last word only: the words before it stay as typed.
  const words = q.split(" ");
  const head = words.slice(0, -1).join(" ");
  const lastTerm = termsOf(words.at(-1)!).at(-1) ?? "";
  const completed = new Set<string>();
  const matches = searchIndex(state.index, q, { fields: SUGGEST_FIELDS, fuzzy, prefix, combineWith: "AND" });
  for (const { id } of matches.top(50)) {
    for (const t of matches.termsOf(id)) if (lastTerm && t.startsWith(lastTerm)) completed.add(surfaceOf(state, t));
    if (completed.size >= 6) break;
  }
  const completions = [...completed]
    .map((word) => (head ? `${head} ${word}` : word))
    .filter((label) => label.toLowerCase() !== q.toLowerCase())
    .slice(0, 3)
    .map((label): Suggestion => ({ kind: "query", label, href: `/?q=${encodeURIComponent(label)}` }));
  const typedWords = q.split(" ").map(foldWord);
  const topics = TOPICS.filter((t) => {
    const name = `${t.name} ${t.slug}`.split(/[^\p{L}\p{N}]+/u).map(foldWord);
    return typedWords.every((w) => name.some((n) => n.startsWith(w)));
  })
    .slice(0, 2)
    .map((t): Suggestion => ({ kind: "topic", label: t.name, href: `/?topic=${t.slug}` }));
  const papers = searchIndex(state.index, q, { fields: ["title", "acronyms"], fuzzy, prefix })
    .top(MAX_SUGGESTIONS - completions.length - topics.length)
    .flatMap((r): Suggestion[] => {
      const keys = state.keys.get(r.id);
      return keys ? [{ kind: "paper", label: plainText(keys.title), href: `/papers/${keys.slug}` }] : [];
    });
  return [...completions, ...topics, ...papers].slice(0, MAX_SUGGESTIONS);
}
