// The comparison every in-memory sort here builds on: ascending, strings or numbers.

export const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
