// Limits of what a visitor writes on the shelf, shown by the shelf's forms and
// enforced by lib/bookmarks.ts. No imports: client components use it, and
// nothing may come with it into their bundle (zod there would try `Function()`
// to see whether it may compile parsers, which the Content-Security-Policy refuses).

export const MAX_NOTE_LENGTH = 2000;
export const MAX_TAG_LENGTH = 40;
