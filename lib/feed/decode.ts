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
      throw new FeedError("the file is not valid UTF-8 text; save it as UTF-8 and try again");
    }
  }
  if (text.includes("\u0000") || controlShare(text) > 0.05) {
    throw new FeedError("the file is binary, not a text feed");
  }
  return text;
}

/** Share of characters that are control characters other than tab, CR and LF. */
function controlShare(text: string): number {
  const sample = text.slice(0, 65_536);
  const controls = sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  return sample.length ? controls / sample.length : 0;
}
