// Tells a feed's format from its content, so `npm run ingest -- <file-or-url>`
// needs no flag: JSON is the Hugging Face API, XML is arXiv's Atom, anything
// else is the text of a trending page. A web page is refused with a hint rather
// than parsed as a trending page of nonsense titles. Pure.
import { FeedError } from "@/lib/feed/errors";
import type { FeedSource } from "@/lib/feed/schema";

/** The names users pass to --format, mapped to the feed source they mean. */
export const FORMAT_NAMES = { text: "text-page", hf: "hf", arxiv: "arxiv" } as const satisfies Record<
  string,
  FeedSource
>;
export type FormatName = keyof typeof FORMAT_NAMES;

/** Enough of the start of a document to recognise it. */
const HEAD = 2048;

export function detectFormat(text: string): FeedSource {
  const head = text
    .slice(0, HEAD)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("[") || head.startsWith("{")) return "hf";
  if (head.startsWith("<")) {
    if (/^<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(head)) {
      throw new FeedError(
        "this is an HTML web page, not a feed (use the Hugging Face API URL, an arXiv API URL, or save the page's text)",
      );
    }
    return "arxiv";
  }
  return "text-page";
}
