// JSON arrays stored in TEXT columns (authors, links, key phrases): read back
// leniently, since a bad value should show as empty rather than break a page.

/** The array stored in `text`, or [] when it is not a JSON array. */
export function parseJsonArray<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
