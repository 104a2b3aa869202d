// Renders a TeX fragment from feed text as native MathML. A lone superscript or
// subscript ("^3" in "AstroM$^3$") becomes <sup>/<sub> in the text's own font.
// KaTeX parses the TeX and builds a MathML tree; that tree is turned into React
// elements here, element by element from an allow-list, so no HTML string from
// feed data is ever injected. TeX that KaTeX cannot parse is shown as the
// original text. Server component: no KaTeX code reaches the browser.
import { createElement, type ReactNode } from "react";
import katex, { type KatexOptions } from "katex";

const ELEMENTS = new Set([
  "math",
  "semantics",
  "annotation",
  "mrow",
  "mi",
  "mn",
  "mo",
  "ms",
  "mtext",
  "mspace",
  "msup",
  "msub",
  "msubsup",
  "mfrac",
  "msqrt",
  "mroot",
  "mover",
  "munder",
  "munderover",
  "mtable",
  "mtr",
  "mtd",
  "mstyle",
  "mpadded",
  "mphantom",
  "menclose",
  "merror",
]);

const ATTRIBUTES = new Set([
  "mathvariant",
  "stretchy",
  "fence",
  "separator",
  "lspace",
  "rspace",
  "width",
  "height",
  "depth",
  "displaystyle",
  "scriptlevel",
  "minsize",
  "maxsize",
  "accent",
  "accentunder",
  "columnalign",
  "rowalign",
  "columnspacing",
  "rowspacing",
  "columnlines",
  "rowlines",
  "frame",
  "linethickness",
  "notation",
  "encoding",
  "symmetric",
  "largeop",
  "movablelimits",
  "voffset",
  "mathcolor",
]);

type KatexNode =
  | { type: string; attributes: Record<string, string>; children: KatexNode[] }
  | { text: string }
  | { width: number; character: string | null };

function toReact(node: KatexNode, key: number): ReactNode {
  if ("text" in node) return node.text;
  if ("width" in node) {
    // React's typings have no MathML elements, hence createElement throughout.
    return node.character
      ? createElement("mtext", { key }, node.character)
      : createElement("mspace", { key, width: `${node.width}em` });
  }
  const children = node.children.map(toReact);
  if (!ELEMENTS.has(node.type)) return <span key={key}>{children}</span>;
  const props: Record<string, string | number> = { key };
  for (const [name, value] of Object.entries(node.attributes)) {
    if (ATTRIBUTES.has(name) && typeof value === "string") props[name] = value;
  }
  return createElement(node.type, props, ...children);
}

// KaTeX's tree builder: exported (as used by its own test suite) but not in its typings.
// The version is pinned exactly in package.json; tests cover what it returns.
const renderToDomTree = (katex as unknown as { __renderToDomTree(tex: string, options: KatexOptions): unknown })
  .__renderToDomTree;

/** The MathML tree KaTeX builds for `tex`, or null when it is not valid TeX. */
function mathTree(tex: string, display: boolean): KatexNode | null {
  try {
    const wrapper = renderToDomTree(tex, {
      output: "mathml",
      displayMode: display,
      throwOnError: true,
      trust: false, // no \href, \url, \includegraphics, \html* from feed text
      strict: "ignore",
      maxSize: 10,
      maxExpand: 100,
    }) as unknown as { children: KatexNode[] };
    return wrapper.children[0] ?? null;
  } catch {
    return null;
  }
}

/** A lone super- or subscript ("^3", "_{2}", "^{+}"), which reads best in the surrounding text's font. */
const SIMPLE_SCRIPT = /^\s*([\^_])\s*(?:\{\s*([\p{L}\p{N}+\-=(),. ]{1,16})\s*\}|([\p{L}\p{N}+\-]))\s*$/u;

export function MathTex({ tex, display = false }: { tex: string; display?: boolean }) {
  const simple = display ? null : SIMPLE_SCRIPT.exec(tex);
  if (simple) {
    const text = simple[2] ?? simple[3];
    return simple[1] === "^" ? <sup>{text}</sup> : <sub>{text}</sub>;
  }
  const tree = mathTree(tex, display);
  if (!tree || !("type" in tree))
    return <code className="font-mono text-[0.9em]">{display ? `$$${tex}$$` : `$${tex}$`}</code>;
  return createElement(
    "math",
    { display: display ? "block" : "inline", className: "text-[1.05em]" },
    ...tree.children.map(toReact),
  );
}
