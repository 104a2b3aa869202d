// Acronyms and names a paper defines: the name before a title's colon ("MATES:
// Model-Aware Data Selection ...") and "long form (SHORT)" definitions in the
// abstract, each with its spelled-out form when the text gives one. Used to
// find a paper by its acronym or its expansion. Pure.

export type Acronym = { acronym: string; expansion: string | null };

/** At most this many acronyms are kept per paper. */
const MAX_ACRONYMS = 8;

/** A short form: 2-12 characters, starts with a letter or digit, has an upper-case letter, no spaces. */
const SHORT_FORM = /^(?=.*\p{Lu})[\p{L}\p{N}][\p{L}\p{N}.+\-/]{1,11}$/u;

/**
 * Schwartz & Hearst (2003): the shortest tail of `longForm` whose words' letters
 * spell `shortForm` right to left, the first character starting a word. Null when
 * there is none.
 */
export function matchLongForm(shortForm: string, longForm: string): string | null {
  const s = shortForm.toLowerCase();
  const l = longForm.toLowerCase();
  let si = s.length - 1;
  let li = l.length - 1;
  const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  while (si >= 0) {
    const c = s[si]!;
    if (!isAlnum(c)) {
      si--;
      continue;
    }
    while (li >= 0 && (l[li] !== c || (si === 0 && li > 0 && isAlnum(l[li - 1])))) li--;
    if (li < 0) return null;
    li--;
    si--;
  }
  const start = l.lastIndexOf(" ", li) + 1;
  const result = longForm
    .slice(start)
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, "")
    .trim();
  if (result.length <= shortForm.length || result.toLowerCase().includes(s)) return null;
  return result;
}

/** "long form (SHORT)" definitions in a text, in order of appearance. */
export function definedAcronyms(text: string): Acronym[] {
  const out: Acronym[] = [];
  for (const m of text.matchAll(/\(([^()\s]{2,12})\)/g)) {
    const short = m[1]!.replace(/s$/, (s) => (/\p{Lu}s$/u.test(m[1]!) ? "" : s)); // "LLMs" defines "LLM"
    if (!SHORT_FORM.test(short)) continue;
    const before = text.slice(Math.max(0, m.index - 200), m.index).replace(/[\s,;:]+$/, "");
    const wordsBefore = before.split(/\s+/);
    const window = wordsBefore.slice(-Math.min(short.length + 5, short.length * 2)).join(" ");
    const expansion = matchLongForm(short, window);
    if (expansion) out.push({ acronym: short, expansion });
  }
  return out;
}

/**
 * The name a title opens with ("MATES", "Tx-LLM", "Kimi k1.5"), if it has one: one
 * word with a capital or digit after its first letter, or two words with one
 * inside a word. "Predictable Scale:" and "Talking Heads:" are phrases, not names.
 */
export function titleName(title: string): string | null {
  const m = /^([^\s:]+(?: [^\s:]+)?):\s+\S/.exec(title);
  if (!m) return null;
  const name = m[1]!;
  if (name.length > 30) return null;
  const nameLike = name.includes(" ") ? /\p{L}[\p{Lu}\p{N}]/u : /[\p{Lu}\p{N}]/u;
  return nameLike.test(name.includes(" ") ? name : name.slice(1)) ? name : null;
}

/** The shortest opening of `rest` whose initials spell `name` (from its first word), or null. */
function openingExpansion(name: string, rest: string): string | null {
  const restWords = rest.split(/\s+/);
  for (let k = 1; k <= Math.min(restWords.length, name.length * 2); k++) {
    const candidate = restWords.slice(0, k).join(" ");
    const match = matchLongForm(name, candidate);
    if (match && candidate.startsWith(match)) return match;
  }
  return null;
}

/**
 * The acronyms a paper defines (from plain text: math and LaTeX resolved): its title name first (with the abstract's or the
 * title's expansion of it, when one spells it), then the abstract's definitions.
 */
export function paperAcronyms(title: string, abstract: string): Acronym[] {
  const defined = definedAcronyms(abstract);
  const out = new Map<string, Acronym>();
  const name = titleName(title);
  if (name) {
    const fromAbstract = defined.find((d) => d.acronym.toLowerCase() === name.toLowerCase());
    const fromTitle = openingExpansion(name, title.slice(title.indexOf(":") + 1).trim());
    out.set(name.toLowerCase(), { acronym: name, expansion: fromAbstract?.expansion ?? fromTitle });
  }
  for (const d of defined) if (!out.has(d.acronym.toLowerCase())) out.set(d.acronym.toLowerCase(), d);
  return [...out.values()].slice(0, MAX_ACRONYMS);
}
