// Renders feed text (a title or abstract) safely: every piece becomes a React text
// node or element, math goes through MathTex, and only http(s) URLs become links.
// Optionally marks the words a search matched.
import { Fragment } from "react";
import { MathTex } from "@/components/math";
import { highlightParts } from "@/lib/search/highlight";
import { parseRichText, type Segment, type TextStyle } from "@/lib/text/rich-text";

type Props = {
  text: string | Segment[];
  /** Folded search terms to highlight. */
  terms?: ReadonlySet<string>;
  /** False inside another link (a card's title), where links render as their text. */
  links?: boolean;
};

const STYLE_CLASS: Record<TextStyle, string> = {
  smallcaps: "[font-variant:small-caps]",
  bold: "font-semibold",
  italic: "italic",
  mono: "font-mono text-[0.9em]",
  roman: "",
};

function Highlighted({ text, terms }: { text: string; terms?: ReadonlySet<string> }) {
  if (!terms?.size) return <>{text}</>;
  return (
    <>
      {highlightParts(text, terms).map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40">
            {part.text}
          </mark>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

export function RichText({ text, terms, links = true }: Props) {
  const segments = typeof text === "string" ? parseRichText(text) : text;
  return (
    <>
      {segments.map((s, i) => {
        switch (s.kind) {
          case "text":
            return <Highlighted key={i} text={s.text} terms={terms} />;
          case "math":
            return <MathTex key={i} tex={s.tex} display={s.display} />;
          case "styled":
            return (
              <span key={i} className={STYLE_CLASS[s.style]}>
                <Highlighted text={s.text} terms={terms} />
              </span>
            );
          case "link":
            return links ? (
              <a
                key={i}
                href={s.url}
                rel="noopener noreferrer"
                className="[overflow-wrap:anywhere] text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-2 dark:text-indigo-300 dark:decoration-indigo-500"
              >
                {s.text}
              </a>
            ) : (
              <span key={i} className="[overflow-wrap:anywhere]">
                {s.text}
              </span>
            );
        }
      })}
    </>
  );
}
