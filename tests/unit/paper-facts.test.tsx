import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AiSummary } from "@/components/ai-summary";
import { AuthorList } from "@/components/author-list";
import { PaperFacts } from "@/components/paper-facts";
import type { PaperView } from "@/lib/catalog";
import { paperView } from "@/tests/helpers/paper-view";

const html = (node: React.ReactElement) => renderToStaticMarkup(node);

const BARE: PaperView = paperView();

const FULL: PaperView = {
  ...BARE,
  arxivId: "2511.01234",
  publishedOn: "2025-11-03",
  updatedOn: "2025-11-05",
  upvotes: 71,
  githubStars: 1230,
  githubRepo: "https://github.com/example/sparse-moe-retrieval",
  projectPage: "https://example.github.io/moe",
  pdfUrl: "https://arxiv.org/pdf/2511.01234",
  keywords: ["mixture-of-experts", "top-2 gating"],
  categories: ["cs.CL", "cs.LG"],
  doi: "10.1000/xyz(123)",
  comment: "12 pages; code at https://example.org/code",
};

/** The <dt> labels in order. */
const labels = (out: string) => [...out.matchAll(/<dt[^>]*>([^<]*)<\/dt>/g)].map((m) => m[1]);

describe("PaperFacts", () => {
  it("renders nothing, not even a heading, for a paper no source said anything about", () => {
    expect(html(<PaperFacts paper={BARE} />)).toBe("");
  });

  it("lists only the facts that are known", () => {
    expect(labels(html(<PaperFacts paper={{ ...BARE, upvotes: 0, publishedOn: "2025-11-03" }} />))).toEqual([
      "Published",
      "Upvotes",
    ]);
    expect(labels(html(<PaperFacts paper={FULL} />))).toEqual([
      "Published",
      "Updated",
      "arXiv",
      "arXiv categories",
      "Upvotes",
      "Code",
      "Project page",
      "PDF",
      "DOI",
      "Comment",
      "Keywords",
    ]);
  });

  it("leaves out the updated day when it is the published day", () => {
    expect(
      labels(html(<PaperFacts paper={{ ...BARE, publishedOn: "2025-11-03", updatedOn: "2025-11-03" }} />)),
    ).toEqual(["Published"]);
  });

  it("marks the first category as primary", () => {
    const out = html(<PaperFacts paper={FULL} />);
    expect(out).toMatch(/cs\.CL<span[^>]*>\(primary\)<\/span><\/li>/);
    expect(out).toMatch(/cs\.LG<\/li>/);
  });

  it("links the repository with its stars, the DOI at doi.org, all with rel noopener noreferrer", () => {
    const out = html(<PaperFacts paper={FULL} />);
    expect(out).toContain('href="https://github.com/example/sparse-moe-retrieval"');
    expect(out).toContain("1,230 stars");
    expect(out).toContain('href="https://doi.org/10.1000/xyz(123)"');
    expect(out).toContain('href="https://huggingface.co/papers/2511.01234"');
    const external = [...out.matchAll(/<a [^>]*href="https?:[^"]*"[^>]*>/g)].map((m) => m[0]);
    expect(external.length).toBeGreaterThanOrEqual(7);
    for (const a of external) expect(a).toContain('rel="noopener noreferrer"');
  });

  it("never links a URL that is not http(s)", () => {
    const out = html(
      <PaperFacts
        paper={{
          ...BARE,
          githubRepo: "javascript:alert(1)",
          githubStars: 5,
          projectPage: "data:text/html,<b>x</b>",
          pdfUrl: "//evil.example/x.pdf",
          doi: "not a doi <b>",
        }}
      />,
    );
    expect(out).not.toMatch(/href="(javascript|data|\/\/)/);
    expect(out).toContain("5 GitHub stars");
    expect(out).toContain("not a doi &lt;b&gt;");
    expect(labels(out)).toEqual(["Code", "DOI"]);
  });
});

describe("AuthorList", () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `Author ${i + 1}`);

  it("shows every author of a short list", () => {
    const out = html(<AuthorList authors={names(12)} />);
    expect(out).toContain("Author 1, Author 2");
    expect(out).toContain("Author 12");
    expect(out).not.toContain("<details");
  });

  it("shows the first ten of a long list and the rest behind 'and N more'", () => {
    const out = html(<AuthorList authors={names(15)} />);
    expect(out).toMatch(/<p>Author 1, [^<]*Author 10,<\/p><details/);
    expect(out).toMatch(
      /<summary[^>]*>and 5 more<\/summary><p>Author 11, Author 12, Author 13, Author 14, Author 15<\/p>/,
    );
  });

  it("renders nothing without authors", () => {
    expect(html(<AuthorList authors={[]} />)).toBe("");
  });
});

describe("AiSummary", () => {
  it("labels the summary as machine-written and renders feed markup as text", () => {
    const out = html(<AiSummary summary="A <b>fast</b> method." />);
    expect(out).toContain(">AI summary</h2>");
    expect(out).toContain("Machine-written by Hugging Face");
    expect(out).toContain("A &lt;b&gt;fast&lt;/b&gt; method.");
  });

  it("renders nothing without a summary", () => {
    expect(html(<AiSummary summary={null} />)).toBe("");
  });
});
