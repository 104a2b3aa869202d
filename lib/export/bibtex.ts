// BibTeX for papers on a shelf (or one paper): @misc entries with title,
// author, year, url, and eprint/archivePrefix when the arXiv id is known; the
// reader's note and tags go in note and keywords. Values are escaped, so any
// feed text makes a valid entry. Pure.
import { citationKeys, citedDay, citedUrl, type Citable } from "@/lib/export/citation";
import { plainText } from "@/lib/text/rich-text";

const ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Escapes BibTeX/LaTeX specials so a value parses and prints as the same text. */
export function escapeBibtex(value: string): string {
  // One pass, so the braces an escape adds are not escaped again.
  return value
    .replace(/[\\{}&%$#_~^]/g, (c) => ESCAPES[c]!)
    .replace(/\s+/g, " ")
    .trim();
}

function entry(key: string, c: Citable): string {
  const fields: [string, string][] = [
    // Double braces keep the title's capitals (acronyms) as written.
    ["title", `{${escapeBibtex(plainText(c.title))}}`],
    ...(c.authors.length ? [["author", c.authors.map(escapeBibtex).join(" and ")] as [string, string]] : []),
    ["year", citedDay(c).slice(0, 4)],
    ["url", citedUrl(c).replace(/[{}]/g, "")],
    ...(c.arxivId
      ? ([
          ["eprint", c.arxivId],
          ["archivePrefix", "arXiv"],
        ] as [string, string][])
      : []),
    ...(c.note ? [["note", escapeBibtex(c.note)] as [string, string]] : []),
    ...(c.tags?.length ? [["keywords", c.tags.map(escapeBibtex).join(", ")] as [string, string]] : []),
  ];
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(",\n");
  return `@misc{${key},\n${body}\n}`;
}

/** A .bib file for the papers, in the order given. */
export function toBibtex(entries: Citable[]): string {
  const keys = citationKeys(entries);
  return entries.map((c, i) => entry(keys[i]!, c)).join("\n\n") + (entries.length ? "\n" : "");
}
