// How big a feed may be before it is read, so that a huge or hostile file is
// refused with one line instead of exhausting memory (Node then dies with a
// multi-line "heap out of memory" report, or the machine swaps). Pure: the
// caller passes the bytes and the memory it has; nothing here reads the process.
//
// Two things make a feed expensive: its size, and how many small pieces it is
// made of. Twenty million `{}` in a 60 MB JSON file become twenty million
// objects (1.2 GB) before a single paper is looked at; a million `<entry/>` in
// 8 MB become a million elements. So the estimate counts both the bytes and the
// bytes that start a piece (`{`, `[`, `<`, a line break).
import { FeedError } from "@/lib/feed/errors";

const MB = 1024 * 1024;

/** Larger feeds are refused whatever the memory: split them. */
export const MAX_FEED_BYTES = 256 * MB;

/** More entries than this in one feed are refused before they are validated (the 40,000-paper benchmark is a fifth). */
export const MAX_FEED_ENTRIES = 200_000;

/**
 * Heap per byte of feed, from parsing to the end of the write. Measured on 60–70 MB
 * feeds of real-sized papers: text pages about 2.5×, Hugging Face JSON 3.5×, Atom 4.5×.
 */
export const HEAP_PER_BYTE = 5;

/**
 * Heap per `{`, `[`, `<` or line break, each of which may become an object, array,
 * element or line while parsing. Measured up to 550 bytes (an empty Atom entry).
 */
export const HEAP_PER_PIECE = 600;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const LESS_THAN = 0x3c;
const LINE_FEED = 0x0a;

/** The number of bytes in `bytes` that start a piece of structure: `{`, `[`, `<` and line breaks. */
export function countPieces(bytes: Uint8Array): number {
  let pieces = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === OPEN_BRACE || b === OPEN_BRACKET || b === LESS_THAN || b === LINE_FEED) pieces++;
  }
  return pieces;
}

/** An upper estimate of the heap that reading and ingesting these bytes takes. */
export function feedMemoryNeed(bytes: Uint8Array): number {
  return bytes.length * HEAP_PER_BYTE + countPieces(bytes) * HEAP_PER_PIECE;
}

/** "60 MB", "1.2 GB", "512 kB": a size as a person reads it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The Node heap (in MB, a multiple of 512) that would leave `need` bytes free beside `used`. */
function heapToSuggest(need: number, used: number): number {
  return Math.ceil((need + used) / (512 * MB)) * 512;
}

/**
 * Throws FeedError when a feed of `size` bytes, `pieces` of them starting an
 * object, element or line (undefined: not counted yet), cannot be ingested with
 * `free` bytes of heap (`used` already taken). Otherwise returns.
 */
export function checkFeedSize(size: number, heap: { free: number; used: number }, pieces?: number): void {
  if (size > MAX_FEED_BYTES) {
    throw new FeedError(
      `the feed is ${formatBytes(size)}; feeds are limited to ${formatBytes(MAX_FEED_BYTES)} (split it into smaller files)`,
    );
  }
  const need = size * HEAP_PER_BYTE + (pieces ?? 0) * HEAP_PER_PIECE;
  if (need <= heap.free) return;
  const manyPieces = pieces !== undefined && pieces * HEAP_PER_PIECE > size * HEAP_PER_BYTE;
  const what = manyPieces
    ? `its ${formatBytes(size)} hold ${pieces.toLocaleString("en-US")} objects, elements or lines, which`
    : `its ${formatBytes(size)}`;
  throw new FeedError(
    `the feed is too large for this process's memory: ${what} would need about ${formatBytes(need)} and ` +
      `${formatBytes(Math.max(0, heap.free))} is free (split the feed, or run with ` +
      `NODE_OPTIONS=--max-old-space-size=${heapToSuggest(need, heap.used)})`,
  );
}

/**
 * The error for a feed with more than MAX_FEED_ENTRIES entries, raised by each parser
 * as soon as it knows; `count` when it knows how many.
 */
export function tooManyEntries(count?: number): FeedError {
  const listed =
    count === undefined ? "more than " + MAX_FEED_ENTRIES.toLocaleString("en-US") : count.toLocaleString("en-US");
  return new FeedError(
    `the feed lists ${listed} entries; at most ${MAX_FEED_ENTRIES.toLocaleString("en-US")} are read from one feed ` +
      "(split it into smaller files)",
  );
}
