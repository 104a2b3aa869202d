// The one error type a feed can fail with as a whole. Its message is one line
// that a user can act on; scripts print it without a stack trace.

/** Messages longer than this are cut: they end up in a terminal and in IngestRun.message. */
export const MAX_MESSAGE_CHARS = 1000;
/** A word (a tag name, a URL, a token) longer than this keeps its start and end only. */
const MAX_WORD_CHARS = 200;

/**
 * Makes a message one readable line: whitespace runs become one space, and words
 * quoted from the feed cannot make it megabytes long (a 5 MB tag name in an XML
 * error, an error feed with a huge summary).
 */
export function oneLineMessage(message: string): string {
  const line = message
    .replace(/\s+/g, " ")
    .trim()
    .replace(new RegExp(`\\S{${MAX_WORD_CHARS + 1},}`, "g"), (word) => `${word.slice(0, 120)}…${word.slice(-40)}`);
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}

/** A feed that cannot be ingested at all: unreadable, binary, empty, no valid entry. */
export class FeedError extends Error {
  /**
   * True when the feed is well-formed but lists no paper (a Hugging Face day with
   * no submissions, an arXiv query with no results): `npm run refresh` counts such
   * a day as done, where a broken feed is retried next time.
   */
  readonly empty: boolean;

  constructor(message: string, options: { empty?: boolean } = {}) {
    super(oneLineMessage(message));
    this.name = "FeedError";
    this.empty = options.empty ?? false;
  }
}

/** The error for a well-formed feed with no papers in it. */
export const noPapers = () => new FeedError("the feed has no papers", { empty: true });
