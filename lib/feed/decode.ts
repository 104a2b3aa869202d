// Turns a feed file's bytes into text, or refuses with a one-line reason when the
// bytes are not text at all (images, archives, a database file, invalid UTF-8).
// Pure: the caller reads the file.
import { FeedError } from "@/lib/feed/errors";

/** Decodes UTF-8 (with or without BOM) or BOM-marked UTF-16. Throws FeedError for binary or non-UTF-8 data. */
export function decodeFeedBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new FeedError("the file is empty");
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) throw new FeedError("the file is binary (it contains NUL bytes), not a text feed");
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(bytes);
      // Replacing the bad bytes would store a mangled title for good; the user can fix the file instead.
      throw new FeedError(
        `the file is not valid UTF-8 text (line ${bad.line}, byte ${bad.offset + 1}: ${hex(bytes, bad.offset)}); ` +
          "save it as UTF-8 and try again",
      );
    }
  }
  if (text.includes("\u0000") || controlShare(text) > 0.05) {
    throw new FeedError("the file is binary, not a text feed");
  }
  return text;
}

/**
 * Where the first byte sequence that is not UTF-8 starts (0-based byte offset and
 * 1-based line). The lenient decoder turns each bad sequence into U+FFFD; a U+FFFD
 * that the file really contains (bytes EF BF BD) is skipped. Linear in the size.
 */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number } {
  const text = new TextDecoder("utf-8").decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0;
  let line = 1;
  let from = 0;
  for (let at = text.indexOf("\uFFFD"); at !== -1; at = text.indexOf("\uFFFD", at + 1)) {
    const before = text.slice(from, at);
    offset += encoder.encode(before).length;
    for (let nl = before.indexOf("\n"); nl !== -1; nl = before.indexOf("\n", nl + 1)) line++;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return { offset, line };
    offset += 3;
    from = at + 1;
  }
  return { offset: 0, line: 1 }; // not reached: the strict decoder found a bad sequence
}

/** "0xE9 0x20": the bytes at `offset` (up to 2), for a message. */
function hex(bytes: Uint8Array, offset: number): string {
  return Array.from(
    bytes.subarray(offset, offset + 2),
    (b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join(" ");
}

/** Share of characters that are control characters other than tab, CR and LF. */
function controlShare(text: string): number {
  const sample = text.slice(0, 65_536);
  const controls = sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  return sample.length ? controls / sample.length : 0;
}
