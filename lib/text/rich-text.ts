// Turns feed text (titles and abstracts copied from arXiv) into typed segments:
// plain text, TeX math, links and the few LaTeX text commands that authors leave
// in (\textsc{Ofa}, \href{url}{text}, \%). Components render the segments as
// React elements, so feed text is never interpreted as HTML; plainText() gives the
// readable string for search, slugs and <title>. Pure: no I/O, no React.
import { LinkifyIt } from "linkify-it";

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "math"; tex: string; display: boolean }
  | { kind: "link"; url: string; text: string }
  | { kind: "styled"; style: TextStyle; text: string };

export type TextStyle = "smallcaps" | "bold" | "italic" | "mono" | "roman";

const STYLE_COMMANDS: Record<string, TextStyle> = {
  textsc: "smallcaps",
  textbf: "bold",
  textit: "italic",
  emph: "italic",
  texttt: "mono",
  textrm: "roman",
  textsf: "roman",
  underline: "roman",
};

/**
 * One alternative per construct, tried left to right. Inline math follows
 * Pandoc's rule so prices are not math: the opening `$` is followed by a
 * non-space, the closing `$` preceded by a non-space and not followed by a digit.
 */
const TOKEN = new RegExp(
  [
    String.raw`\\([$%&_#{}])`, // 1: escaped character
    String.raw`\$\$([^$]{1,2000}?)\$\$`, // 2: display math
    String.raw`\$(?=[^\s$])([^$\n]{0,500}?[^\s$\\])\$(?!\d)`, // 3: inline math
    String.raw`\\\(([^]{1,500}?)\\\)`, // 4: \( inline \)
    String.raw`\\\[([^]{1,2000}?)\\\]`, // 5: \[ display \]
    String.raw`\\href\{([^{}\s]*)\}\{([^{}]*)\}`, // 6, 7: \href{url}{text}
    String.raw`\\url\{([^{}\s]*)\}`, // 8: \url{url}
    String.raw`\\(${Object.keys(STYLE_COMMANDS).join("|")})\{([^{}]*)\}`, // 9, 10: \textsc{...}
  ].join("|"),
  "g",
);

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false })
  // Only http(s) becomes a link; these schemas are on by default.
  .add("ftp:", null)
  .add("mailto:", null)
  .add("//", null);

/** Returns the URL if it is an absolute http(s) URL, else null. */
export function safeHttpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Parses feed text into segments. Adjacent text segments are merged. */
export function parseRichText(input: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of input.matchAll(TOKEN)) {
    pushText(out, input.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) pushText(out, m[1]);
    else if (m[2] !== undefined) out.push({ kind: "math", tex: m[2].trim(), display: true });
    else if (m[3] !== undefined) out.push({ kind: "math", tex: m[3], display: false });
    else if (m[4] !== undefined) out.push({ kind: "math", tex: m[4].trim(), display: false });
    else if (m[5] !== undefined) out.push({ kind: "math", tex: m[5].trim(), display: true });
    else if (m[6] !== undefined) pushLink(out, m[6], m[7] || m[6]);
    else if (m[8] !== undefined) pushLink(out, m[8], m[8]);
    else if (m[9] !== undefined)
      out.push({ kind: "styled", style: STYLE_COMMANDS[m[9]] ?? "roman", text: m[10] ?? "" });
  }
  pushText(out, input.slice(last));
  return out;
}

/** A link to an http(s) URL, or its text when the URL is anything else (javascript:, relative, broken). */
function pushLink(out: Segment[], url: string, text: string) {
  const safe = safeHttpUrl(url);
  if (safe) out.push({ kind: "link", url: safe, text });
  else pushText(out, text);
}

/** Adds text, turning bare http(s) URLs in it into links. */
function pushText(out: Segment[], text: string) {
  if (!text) return;
  const matches = linkify.match(text) ?? [];
  let last = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const next = matches[i + 1];
    appendPlain(out, text.slice(last, m.index));
    // A \href whose command was lost in copying leaves "url}{url": show one link.
    if (next && text.slice(m.lastIndex, next.index) === "}{") {
      pushLink(out, m.url, next.raw);
      last = next.lastIndex;
      i++;
      continue;
    }
    pushLink(out, m.url, m.raw);
    last = m.lastIndex;
  }
  appendPlain(out, text.slice(last));
}

/** LaTeX's text ligatures, which arXiv titles and abstracts keep: -- and --- are dashes, `` and '' quotes. */
const texLigatures = (text: string) =>
  text.replace(/---/g, "—").replace(/--/g, "–").replace(/``/g, "“").replace(/''/g, "”");

function appendPlain(out: Segment[], raw: string) {
  const text = texLigatures(raw);
  if (!text) return;
  const prev = out.at(-1);
  if (prev?.kind === "text") prev.text += text;
  else out.push({ kind: "text", text });
}

/** Every http(s) link in the text, in order of first mention, without repeats. */
export function linksIn(segments: Segment[]): { url: string; text: string }[] {
  const seen = new Map<string, { url: string; text: string }>();
  for (const s of segments) {
    if (s.kind === "link" && !seen.has(s.url)) seen.set(s.url, { url: s.url, text: s.text });
  }
  return [...seen.values()];
}

const SUPERSCRIPTS: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  n: "ⁿ",
  i: "ⁱ",
};
const SUBSCRIPTS: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
};
const GREEK: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Pi: "Π",
  Sigma: "Σ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  times: "×",
  cdot: "·",
  leq: "≤",
  le: "≤",
  geq: "≥",
  ge: "≥",
  neq: "≠",
  approx: "≈",
  sim: "~",
  infty: "∞",
  pm: "±",
  rightarrow: "→",
  to: "→",
  leftarrow: "←",
  ell: "ℓ",
  in: "∈",
  sqrt: "√",
};

/** Maps a script's characters (^ or _) to Unicode, or marks it when one has no equivalent. */
function script(chars: string, table: Record<string, string>, marker: string): string {
  const mapped = [...chars].map((c) => table[c]);
  return mapped.every(Boolean) ? mapped.join("") : `${marker}${chars}`;
}

/** Readable text for a TeX fragment: `^3` becomes ³, `\alpha` α, other commands their argument. */
export function texToPlain(tex: string): string {
  return tex
    .replace(/\\([a-zA-Z]+)/g, (whole, name: string) => GREEK[name] ?? (name.length > 1 ? "" : whole))
    .replace(/\^\{([^{}]*)\}|\^(\S)/g, (_, group?: string, one?: string) =>
      script(group ?? one ?? "", SUPERSCRIPTS, "^"),
    )
    .replace(/_\{([^{}]*)\}|_(\S)/g, (_, group?: string, one?: string) => script(group ?? one ?? "", SUBSCRIPTS, "_"))
    .replace(/[{}\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text a reader sees, without markup: for search, slugs, <title> and meta tags. */
export function plainText(input: string | Segment[]): string {
  const segments = typeof input === "string" ? parseRichText(input) : input;
  return segments.map((s) => (s.kind === "math" ? texToPlain(s.tex) : s.text)).join("");
}
