import { describe, expect, it } from "vitest";
import { extractLinks, linkKind } from "@/lib/text/links";
import { parseRichText, plainText, texToPlain } from "@/lib/text/rich-text";

const linkUrls = (text: string) => extractLinks(text).map((l) => l.url);

describe("extractLinks", () => {
  it.each([
    ["Code: https://github.com/cxcscmu/MATES.", "https://github.com/cxcscmu/MATES"],
    [
      "(see https://rank.opencompass.org.cn/leaderboard-multimodal).",
      "https://rank.opencompass.org.cn/leaderboard-multimodal",
    ],
    ["at https://huggingface.co/BSC-TeMU, and more", "https://huggingface.co/BSC-TeMU"],
    ["[https://example.org/a]", "https://example.org/a"],
    ["https://github.com/WangFei-2019/SNARE/.", "https://github.com/WangFei-2019/SNARE/"],
  ])("leaves trailing punctuation out of the URL in %s", (text, url) => {
    expect(linkUrls(text)).toEqual([url]);
  });

  it("keeps balanced parentheses that belong to the URL", () => {
    expect(linkUrls("see https://en.wikipedia.org/wiki/BERT_(language_model).")).toEqual([
      "https://en.wikipedia.org/wiki/BERT_(language_model)",
    ]);
  });

  it("links \\href{url}{text} to its url", () => {
    const segments = parseRichText("Code \\href{https://github.com/x/y}{here}.");
    expect(segments).toEqual([
      { kind: "text", text: "Code " },
      { kind: "link", url: "https://github.com/x/y", text: "here" },
      { kind: "text", text: "." },
    ]);
  });

  it("makes one link of the url}{url a lost \\href leaves behind", () => {
    const text =
      "All codes are available at: https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA}{https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA";
    const segments = parseRichText(text);
    expect(segments.filter((s) => s.kind === "link")).toEqual([
      {
        kind: "link",
        url: "https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA",
        text: "https://github.com/ddw2AIGROUP2CQUPT/PA-LLaVA",
      },
    ]);
    expect(plainText(segments)).not.toContain("}{");
  });

  it("links only http and https URLs", () => {
    const text =
      "javascript:alert(1) \\href{javascript:alert(2)}{click} \\url{data:text/html,x} ftp://x.org/f mailto:a@b.org www.example.org //evil.org/x";
    expect(extractLinks(text)).toEqual([]);
    expect(plainText(text)).toContain("click");
  });

  it("lists each link once, classified, with a readable label", () => {
    const links = extractLinks(
      "Code https://github.com/x/y and https://github.com/x/y. Models https://huggingface.co/org/m. Page https://a.github.io/p/ and https://aka.ms/BLURB",
    );
    expect(links).toEqual([
      { url: "https://github.com/x/y", kind: "code", label: "github.com/x/y" },
      { url: "https://huggingface.co/org/m", kind: "huggingface", label: "huggingface.co/org/m" },
      { url: "https://a.github.io/p/", kind: "project", label: "a.github.io/p" },
      { url: "https://aka.ms/BLURB", kind: "other", label: "aka.ms/BLURB" },
    ]);
  });

  it("tells code hosts from pages hosted on them", () => {
    expect(linkKind("https://gitlab.com/a/b")).toBe("code");
    expect(linkKind("https://www.github.com/a")).toBe("code");
    expect(linkKind("https://step-law.github.io/")).toBe("project");
    expect(linkKind("https://arxiv.org/abs/2401.00001")).toBe("paper");
  });
});

describe("parseRichText", () => {
  it("finds inline and display math", () => {
    expect(parseRichText("AstroM$^3$: a model")).toEqual([
      { kind: "text", text: "AstroM" },
      { kind: "math", tex: "^3", display: false },
      { kind: "text", text: ": a model" },
    ]);
    expect(parseRichText("$$E = mc^2$$").at(0)).toEqual({ kind: "math", tex: "E = mc^2", display: true });
    expect(parseRichText("\\(x_i\\)").at(0)).toEqual({ kind: "math", tex: "x_i", display: false });
  });

  it("does not read prices as math", () => {
    expect(parseRichText("costs $5 and $10 per hour").every((s) => s.kind === "text")).toBe(true);
    expect(parseRichText("from $5,$10 up").every((s) => s.kind === "text")).toBe(true);
  });

  it("turns escaped characters and text commands into what they print", () => {
    expect(plainText("0.07\\% away, Q\\&A, \\textsc{Ofa}, \\emph{very} \\$5")).toBe("0.07% away, Q&A, Ofa, very $5");
    expect(parseRichText("One For All (\\textsc{Ofa})")).toContainEqual({
      kind: "styled",
      style: "smallcaps",
      text: "Ofa",
    });
  });

  it("leaves markup as text: nothing in feed text is HTML", () => {
    const text = '<script>alert(1)</script><img src=x onerror="alert(2)">';
    expect(parseRichText(text)).toEqual([{ kind: "text", text }]);
  });
});

describe("LaTeX text ligatures", () => {
  it("turns -- and --- into dashes and `` '' into quotes, outside URLs", () => {
    expect(plainText("Part I -- Optimal vision--language --- done ``quoted''")).toBe(
      "Part I – Optimal vision–language — done “quoted”",
    );
    expect(extractLinks("see https://x.org/a--b")).toEqual([expect.objectContaining({ url: "https://x.org/a--b" })]);
  });
});

describe("texToPlain", () => {
  it("reads common math as plain text", () => {
    expect(texToPlain("^3")).toBe("³");
    expect(texToPlain("x_{12}")).toBe("x₁₂");
    expect(texToPlain("\\alpha \\times 10^{-3}")).toBe("α × 10⁻³");
    expect(texToPlain("\\mathcal{L}_{\\text{total}}")).toBe("L_total");
  });
});
