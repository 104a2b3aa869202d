// Escaping text for HTML built as a string (Atom type="html" fields, email
// bodies), where React is not there to do it. The result reads back as exactly
// the text given: feed text is untrusted and must never become markup.

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage return). */
export const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeHtml(text: string): string {
  return text
    .replace(XML_INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
