// The one error type a feed can fail with as a whole. Its message is one line
// that a user can act on; scripts print it without a stack trace.

/** A feed that cannot be ingested at all: unreadable, binary, empty, no valid entry. */
export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedError";
  }
}
