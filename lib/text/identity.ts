// What makes two titles the same paper, how titles sort, and how they become URL
// slugs. Pure: no I/O.
import { createHash } from "node:crypto";
import { plainText } from "@/lib/text/rich-text";

/**
 * The identity of a title: what a reader sees (markup resolved), in compatibility
 * form (NFKC: ligatures, full-width letters and ³ fold), case-folded, with
 * punctuation, symbols and emoji removed and whitespace collapsed. Titles that
 * differ only in case or punctuation share a key. Empty when the title has no
 * letter or digit.
 */
export function titleKey(title: string): string {
  return plainText(title)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

/** The key without diacritics, so "Élan" sorts with "elan" under A-Z. */
export function sortTitle(key: string): string {
  return key.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC");
}

const MAX_SLUG = 80;

/**
 * A readable ASCII slug for a title: accents dropped, words joined by hyphens,
 * cut at a word boundary. Titles with no Latin letters or digits (CJK, Arabic)
 * get "paper-" and a short hash of their key, so the slug is still stable.
 */
export function slugBase(key: string): string {
  const ascii = sortTitle(key)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!ascii) return `paper-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
  if (ascii.length <= MAX_SLUG) return ascii;
  const cut = ascii.slice(0, MAX_SLUG + 1);
  const boundary = cut.lastIndexOf("-");
  return boundary > 20 ? cut.slice(0, boundary) : ascii.slice(0, MAX_SLUG);
}

/** The first of base, base-2, base-3, ... that `taken` does not report as used. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
