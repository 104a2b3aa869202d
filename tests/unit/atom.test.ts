import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildAtomFeed, htmlText, type AtomFeedInput } from "@/lib/atom";
import type { PaperView } from "@/lib/catalog";
import { paperView } from "@/tests/helpers/paper-view";
import { TOPIC_BY_SLUG } from "@/lib/topics/taxonomy";

const SITE = "https://shelf.example.org";
const ATOM_NS = "http://www.w3.org/2005/Atom";

function paper(overrides: Partial<PaperView> = {}): PaperView {
  return paperView({
    slug: "sparse-experts-at-scale",
    title: "Sparse Experts at Scale",
    abstract: "We study sparse experts. They scale well.",
    arxivId: "2511.01234",
    authors: ["Jane Doe", "Wei Zhang"],
    publishedOn: "2026-11-02",
    firstFeedDate: "2026-11-20",
    lastFeedDate: "2026-11-27",
    lastRank: 3,
    upvotes: 12,
    ...overrides,
  });
}

const topic = (slug: string) => ({ slug, name: TOPIC_BY_SLUG.get(slug)!.name });

const build = (papers: PaperView[], extra: Partial<AtomFeedInput> = {}) =>
  buildAtomFeed({
    site: SITE,
    selfUrl: `${SITE}/feed.xml?q=moe&topic=efficiency`,
    pageUrl: `${SITE}/?q=moe&topic=efficiency`,
    title: "Papershelf: “moe” · Efficiency",
    papers,
    ...extra,
  });

type El = Record<string, unknown>;
const list = (v: unknown): El[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as El[];
const text = (v: unknown): string =>
  typeof v === "object" && v !== null ? String((v as El)["#text"] ?? "") : String(v ?? "");

/** Parses the feed as a feed reader would: it must be well-formed XML with one Atom <feed> root. */
function parseFeed(xml: string) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    isArray: (name) => ["entry", "author", "category", "link"].includes(name),
  }).parse(xml) as El;
  const roots = Object.keys(doc).filter((k) => !k.startsWith("?"));
  expect(roots).toEqual(["feed"]);
  const feed = doc.feed as El;
  const entries = list(feed.entry).map((e) => ({
    id: text(e.id),
    /** type="html": the XML text is HTML, so a reader shows it decoded once more. */
    titleType: (e.title as El)["@_type"],
    titleHtml: text(e.title),
    summaryHtml: text(e.summary),
    contentHtml: text(e.content),
    links: list(e.link).map((l) => ({ href: l["@_href"], rel: l["@_rel"] })),
    updated: text(e.updated),
    published: e.published === undefined ? undefined : text(e.published),
    authors: list(e.author).map((a) => text(a.name)),
    categories: list(e.category).map((c) => ({ term: c["@_term"], label: c["@_label"], scheme: c["@_scheme"] })),
  }));
  return { feed, entries };
}

/** What a reader displays for type="html" text: the HTML must be plain text with entities, no markup at all. */
function shownText(html: string): string {
  expect(html).not.toMatch(/[<>]/);
  return html.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the Atom feed of a listing", () => {
  const xml = () =>
    build([
      paper({ topics: [topic("efficiency"), topic("law-finance")] }),
      paper({
        id: 2,
        slug: "dolma",
        title: "Dolma: an Open Corpus",
        abstract: "Three trillion tokens.",
        authors: [],
        publishedOn: null,
        lastFeedDate: "2026-11-28",
      }),
    ]);

  it("is well-formed Atom with the feed's id, title, self and alternate links", () => {
    const { feed } = parseFeed(xml());
    expect(feed["@_xmlns"]).toBe(ATOM_NS);
    expect(text(feed.id)).toBe(`${SITE}/feed.xml?q=moe&topic=efficiency`);
    expect(text(feed.title)).toBe("Papershelf: “moe” · Efficiency");
    const links = list(feed.link).map((l) => [l["@_rel"], l["@_href"]]);
    expect(links).toContainEqual(["self", `${SITE}/feed.xml?q=moe&topic=efficiency`]);
    expect(links).toContainEqual(["alternate", `${SITE}/?q=moe&topic=efficiency`]);
  });

  it("says it was updated on the newest paper's day", () => {
    expect(text(parseFeed(xml()).feed.updated)).toBe("2026-11-28T00:00:00.000Z");
  });

  it("has one entry per paper, in order, linking to the paper's page", () => {
    const { entries } = parseFeed(xml());
    expect(entries.map((e) => e.id)).toEqual([`${SITE}/papers/sparse-experts-at-scale`, `${SITE}/papers/dolma`]);
    for (const e of entries) {
      // No rel means rel="alternate" in Atom: the page a reader opens.
      expect(e.links.filter((l) => l.rel === undefined || l.rel === "alternate").map((l) => l.href)).toEqual([e.id]);
    }
  });

  it("gives each entry its title, summary, dates, authors and topics", () => {
    const [first, second] = parseFeed(xml()).entries;
    expect(first).toMatchObject({
      titleType: "html",
      updated: "2026-11-27T00:00:00.000Z",
      published: "2026-11-02T00:00:00.000Z",
      authors: ["Jane Doe", "Wei Zhang"],
      categories: [
        { term: "efficiency", label: "Efficiency, quantization & compression", scheme: `${SITE}/topics` },
        { term: "law-finance", label: "Law & finance", scheme: `${SITE}/topics` },
      ],
    });
    expect(shownText(first!.titleHtml)).toBe("Sparse Experts at Scale");
    expect(shownText(first!.summaryHtml)).toBe("We study sparse experts. They scale well.");
    expect(shownText(first!.contentHtml)).toBe("We study sparse experts. They scale well.");
    // A paper without a publication day or authors has neither, rather than empty elements.
    expect(second).toMatchObject({ published: undefined, authors: [], categories: [] });
  });

  it("shows TeX in titles and abstracts as readable text", () => {
    const [entry] = parseFeed(
      build([paper({ title: "Scaling as $O(n^2)$", abstract: "Costs $O(n^2)$ time." })]),
    ).entries;
    expect(shownText(entry!.titleHtml)).toBe("Scaling as O(n²)");
    expect(shownText(entry!.summaryHtml)).toBe("Costs O(n²) time.");
  });

  it("cuts a long abstract for the summary but keeps all of it in the content", () => {
    const abstract = `${"Sparse routing keeps compute low. ".repeat(40)}The end.`;
    const [entry] = parseFeed(build([paper({ abstract })])).entries;
    const summary = shownText(entry!.summaryHtml);
    expect(summary.length).toBeLessThanOrEqual(600);
    expect(summary.endsWith("…")).toBe(true);
    expect(abstract.startsWith(summary.slice(0, -1))).toBe(true);
    expect(shownText(entry!.contentHtml)).toBe(abstract);
  });

  it("never cuts a character in half when shortening the summary", () => {
    // An emoji is two UTF-16 units; the cut falls between them unless the code takes care.
    for (let at = 594; at <= 598; at++) {
      const abstract = `${"a".repeat(at)}😀${"b".repeat(100)}`;
      const xmlText = build([paper({ abstract })]);
      const summary = shownText(parseFeed(xmlText).entries[0]!.summaryHtml);
      expect(summary, `emoji at ${at}`).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
      expect(summary.endsWith("…")).toBe(true);
      // A lone surrogate cannot be written as UTF-8: the served bytes would carry U+FFFD instead.
      expect(Buffer.from(xmlText, "utf8").toString("utf8")).not.toContain("\uFFFD");
    }
  });

  it("lists at most 20 authors of a paper", () => {
    const authors = Array.from({ length: 25 }, (_, i) => `Author ${i + 1}`);
    const [entry] = parseFeed(build([paper({ authors })])).entries;
    expect(entry!.authors).toEqual(authors.slice(0, 20));
  });
});

describe("hostile feed text in the Atom feed", () => {
  const HOSTILE = [
    "<script>alert(1)</script>",
    "]]> <b>not bold</b> <![CDATA[ x ]]>",
    "R&amp;D &lt;tags&gt; & AT&T",
    `"quoted" 'single' <img src=x onerror=alert(1)>`,
    "<!DOCTYPE x> <?pi x?> &#x3C;hex&#60; &nbsp;",
  ];

  it.each(HOSTILE)("%j reads back as exactly that text in titles, summaries, content and authors", (bad) => {
    const xml = build(
      [
        paper({
          title: `Title ${bad} end`,
          abstract: `Abstract ${bad} end`,
          authors: [`Author ${bad}`, "Plain Name"],
        }),
      ],
      { title: `Papershelf: “${bad}”` },
    );
    const { feed, entries } = parseFeed(xml);
    const [entry] = entries;
    expect(text(feed.title)).toBe(`Papershelf: “${bad}”`);
    expect(shownText(entry!.titleHtml)).toBe(`Title ${bad} end`);
    expect(shownText(entry!.summaryHtml)).toBe(`Abstract ${bad} end`);
    expect(shownText(entry!.contentHtml)).toBe(`Abstract ${bad} end`);
    expect(entry!.authors).toEqual([`Author ${bad}`, "Plain Name"]);
    expect(entries).toHaveLength(1);
  });

  it("drops control characters XML cannot carry, keeping the rest of the text and the XML well-formed", () => {
    const controls = "\u0000\u0001\u0008\u000B\u000C\u001B\u001F\uFFFE\uFFFF";
    const xml = build(
      [paper({ title: `Bell${controls}ring`, abstract: `Null${controls}byte`, authors: [`Es${controls}cape`] })],
      { title: `Feed${controls}title` },
    );
    const { feed, entries } = parseFeed(xml);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(text(feed.title)).toBe("Feedtitle");
    expect(shownText(entries[0]!.titleHtml)).toBe("Bellring");
    expect(shownText(entries[0]!.contentHtml)).toBe("Nullbyte");
    expect(entries[0]!.authors).toEqual(["Escape"]);
  });

  it("keeps accents, CJK and emoji intact", () => {
    const title = "Résumé: 大規模言語モデル 🚀 für Ärzte";
    const [entry] = parseFeed(build([paper({ title, abstract: title, authors: ["Amélie Laurent", "李娜"] })])).entries;
    expect(shownText(entry!.titleHtml)).toBe(title);
    expect(shownText(entry!.contentHtml)).toBe(title);
    expect(entry!.authors).toEqual(["Amélie Laurent", "李娜"]);
  });
});

describe("an empty listing", () => {
  it("is still a valid Atom feed, with no entries, updated when it was made", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-29T08:30:00Z"));
    const { feed, entries } = parseFeed(build([]));
    expect(feed["@_xmlns"]).toBe(ATOM_NS);
    expect(entries).toEqual([]);
    expect(text(feed.id)).toBe(`${SITE}/feed.xml?q=moe&topic=efficiency`);
    expect(text(feed.updated)).toBe("2026-11-29T08:30:00.000Z");
  });
});

describe("htmlText", () => {
  it.each([
    ["plain words", "plain words"],
    ["a < b > c", "a &lt; b &gt; c"],
    ["AT&T", "AT&amp;T"],
    ["&amp; stays visible", "&amp;amp; stays visible"],
    [`say "hi" it's`, "say &quot;hi&quot; it&#39;s"],
    ["]]>", "]]&gt;"],
    ["tab\there\nnewline\r\n", "tab\there\nnewline\r\n"],
    ["nul\u0000bell\u0007vt\u000Bff\u000Cesc\u001B", "nulbellvtffesc"],
    ["not a char\uFFFE\uFFFF", "not a char"],
    ["", ""],
  ])("%j -> %j", (input, output) => {
    expect(htmlText(input)).toBe(output);
  });

  it("produces HTML that a reader decodes back to the original text, for any text", () => {
    const samples = ["<p>&nbsp;</p>", "&&&;;", "&#39;&#x27;", "a\u0001b", "😀 <😀> &😀;", "'\"<>&"];
    for (const s of samples) {
      expect(shownText(htmlText(s))).toBe(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));
    }
  });
});
