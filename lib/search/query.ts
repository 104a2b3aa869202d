// The search box's syntax: plain words, "exact phrases", -excluded words or
// -"phrases", and topic:<slug>. Anything that does not parse as an operator is
// plain text, so no query is ever an error: an unclosed quote is a quote mark, an
// unknown topic:foo is the words "topic" and "foo". Pure.

export type ParsedQuery = {
  /** Words every result must match (hyphenated compounds stay one word). */
  words: string[];
  /** Phrases every result must contain, word for word. */
  phrases: string[];
  excludedWords: string[];
  excludedPhrases: string[];
  /** Topic slugs from topic:<slug>, each a filter. */
  topics: string[];
};

/** A quoted phrase (optionally excluded), a topic filter, or any other run of non-spaces. */
const TOKEN = /(-?)"([^"]*)"|(-?)(\S+)/g;

/** Parses a query; `isTopic` says which slugs exist. */
export function parseQuery(q: string, isTopic: (slug: string) => boolean): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], excludedWords: [], excludedPhrases: [], topics: [] };
  const text = q.replace(/[“”„‟«»]/g, '"');
  for (const m of text.matchAll(TOKEN)) {
    if (m[2] !== undefined) {
      const phrase = m[2].trim();
      if (!/[\p{L}\p{N}]/u.test(phrase)) continue;
      (m[1] ? parsed.excludedPhrases : parsed.phrases).push(phrase);
      continue;
    }
    const excluded = m[3] === "-";
    const word = m[4]!.replace(/"/g, "");
    const topic = /^topic:([a-z0-9-]+)$/i.exec(word);
    if (topic && !excluded && isTopic(topic[1]!.toLowerCase())) {
      parsed.topics.push(topic[1]!.toLowerCase());
      continue;
    }
    // "topic:unknown" is plain text: its words.
    const pieces = topic ? ["topic", topic[1]!] : [word];
    for (const piece of pieces) {
      if (!/[\p{L}\p{N}]/u.test(piece)) continue;
      (excluded ? parsed.excludedWords : parsed.words).push(piece);
    }
  }
  return parsed;
}

/** True when the query asks for anything at all. */
export function isEmptyQuery(p: ParsedQuery): boolean {
  return (
    !p.words.length && !p.phrases.length && !p.excludedWords.length && !p.excludedPhrases.length && !p.topics.length
  );
}
