import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MathTex } from "@/components/math";
import { RichText } from "@/components/rich-text";

const html = (node: React.ReactElement) => renderToStaticMarkup(node);

describe("RichText", () => {
  it("renders markup in feed text as visible text, never as elements", () => {
    const out = html(<RichText text={'<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>'} />);
    expect(out).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt; &lt;b&gt;bold&lt;/b&gt;",
    );
  });

  it("links http(s) URLs with rel noopener noreferrer, and nothing else", () => {
    const out = html(
      <RichText text="Code at https://github.com/x/y. Not javascript:alert(1) nor \href{javascript:alert(2)}{this}." />,
    );
    expect(out.match(/<a /g)).toHaveLength(1);
    expect(out).toContain('href="https://github.com/x/y"');
    expect(out).toContain('rel="noopener noreferrer"');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain("this");
  });

  it("shows links as plain text where a link is not allowed (inside a card title)", () => {
    expect(html(<RichText text="See https://x.org/a" links={false} />)).not.toContain("<a ");
  });

  it("renders a lone superscript as <sup>, other math as MathML, small caps as styled text", () => {
    const out = html(<RichText text="AstroM$^3$, H$_{2}$O, $\alpha \cdot x^2$ and One For All (\textsc{Ofa})" />);
    expect(out).toContain("AstroM<sup>3</sup>, H<sub>2</sub>O, <math");
    expect(out).toContain("<msup>");
    expect(out).not.toContain("$");
    expect(out).toMatch(/<span class="\[font-variant:small-caps\]">Ofa<\/span>/);
  });

  it("highlights matched words with <mark>", () => {
    expect(html(<RichText text="Model-aware data selection" terms={new Set(["data"])} />)).toBe(
      'Model-aware <mark class="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40">data</mark> selection',
    );
  });
});

describe("MathTex", () => {
  it("shows TeX it cannot parse as the original text", () => {
    expect(html(<MathTex tex="\frac{1}{" />)).toBe('<code class="font-mono text-[0.9em]">$\\frac{1}{$</code>');
  });

  it("drops links and HTML that TeX could smuggle in", () => {
    for (const tex of [
      "\\href{javascript:alert(1)}{x}",
      "\\url{javascript:alert(1)}",
      "\\htmlClass{x}{y}",
      "<img src=x onerror=alert(1)>",
    ]) {
      const out = html(<MathTex tex={tex} />);
      // Any such text may appear inside <annotation> as escaped text, never as a tag or attribute.
      expect(out).not.toMatch(/<[^>]*\s(href|src|onerror|class="x")/);
      expect(out).not.toMatch(/<(img|a|script)[\s>]/);
    }
  });

  it("renders display math as a MathML block", () => {
    expect(html(<MathTex tex="E = mc^2" display />)).toMatch(/^<math display="block"/);
  });
});
