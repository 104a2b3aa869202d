// Normalises untrusted feed text so that invisible differences (byte-order marks,
// CRLF, tabs, non-breaking or zero-width spaces, decomposed accents) never change
// what a paper is or how it reads. Pure: no I/O.

/** Spaces other than U+0020 that copy-pasted pages are full of. */
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/**
 * Invisible characters with no meaning in a title or abstract. ZWJ/ZWNJ (U+200C/D)
 * are kept: emoji sequences and Persian/Indic spelling need them.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;
/** C0/C1 control characters other than the newline. */
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

/**
 * Cleans a whole document: drops a leading BOM, turns CRLF/CR into LF, replaces
 * odd spaces with a plain space, removes invisible and control characters, folds
 * runs of spaces, trims each line and composes accents (NFC). Line structure,
 * including blank lines, is kept.
 */
export function cleanDocument(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(cleanLine)
    .join("\n");
}

/** Cleans one line (or a field value): the same rules as cleanDocument, newlines become spaces. */
export function cleanLine(line: string): string {
  return line
    .replace(/\r\n?|\n/g, " ")
    .replace(ODD_SPACES, " ")
    .replace(INVISIBLE, "")
    .replace(CONTROLS, "")
    .replace(/ {2,}/g, " ")
    .trim()
    .normalize("NFC");
}
