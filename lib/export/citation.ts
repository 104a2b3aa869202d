// What a citation of a paper needs, shared by the BibTeX and CSL-JSON exports:
// the year, a stable citation key, a link, and the reader's note and tags. Pure.
import { plainText } from "@/lib/text/rich-text";

export type Citable = {
  slug: string;
  title: string;
  abstract?: string;
  authors: string[];
  arxivId: string | null;
  publishedOn: string | null;
  firstFeedDate: string;
  note?: string;
  tags?: string[];
  /** Absolute URL of the paper's page in this Papershelf. */
  pageUrl: string;
};

/** The day a citation dates the paper by: its publication, else the day it first trended. */
export const citedDay = (c: Citable) => c.publishedOn ?? c.firstFeedDate;

/** arXiv's abstract page when the id is known, else the paper's page here. */
export const citedUrl = (c: Citable) => (c.arxivId ? `https://arxiv.org/abs/${c.arxivId}` : c.pageUrl);

/** "Family, Given" style split of a display name ("Ada Lovelace" → family Lovelace). */
export function splitName(name: string): { family: string; given?: string } {
  const trimmed = name.trim();
  if (trimmed.includes(",")) {
    const [family, given] = trimmed.split(",", 2).map((s) => s.trim());
    return given ? { family: family!, given } : { family: family! };
  }
  const parts = trimmed.split(/\s+/);
  return parts.length > 1 ? { family: parts.at(-1)!, given: parts.slice(0, -1).join(" ") } : { family: trimmed };
}

const ascii = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]/g, "");

/** Citation keys like "lovelace2026mates", unique within one export (a, b, c... on clashes). */
export function citationKeys(entries: Citable[]): string[] {
  const used = new Map<string, number>();
  return entries.map((c) => {
    const who = ascii(c.authors[0] ? splitName(c.authors[0]).family : "").toLowerCase();
    const word = ascii(
      plainText(c.title)
        .split(/[\s:]+/)
        .find((w) => ascii(w).length > 2) ?? "paper",
    ).toLowerCase();
    const base = `${who}${citedDay(c).slice(0, 4)}${word}` || "paper";
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}${String.fromCharCode(96 + Math.min(n, 26))}${n > 26 ? n : ""}`;
  });
}
