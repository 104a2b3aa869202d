// The one error type a feed can fail with as a whole. Its message is one line
// that a user can act on; scripts print it without a stack trace.

/** A feed that cannot be ingested at all: unreadable, binary, empty, no valid entry. */
export class FeedError extends Error {
  /**
   * True when the feed is well-formed but lists no paper (a Hugging Face day with
   * no submissions, an arXiv query with no results): `npm run refresh` counts such
   * a day as done, where a broken feed is retried next time.
   */
  readonly empty: boolean;

  constructor(message: string, options: { empty?: boolean } = {}) {
    super(message);
    this.name = "FeedError";
    this.empty = options.empty ?? false;
  }
}

/** The error for a well-formed feed with no papers in it. */
export const noPapers = () => new FeedError("the feed has no papers", { empty: true });
