import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeAtom, parseArxivAtom } from "@/lib/feed/arxiv";
import { FeedError } from "@/lib/feed/errors";
import { validateEntries } from "@/lib/feed/schema";

const TODAY = "2025-11-05";
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/feeds", name), "utf8");
/** An arXiv API response as arXiv sends it: the arXiv and OpenSearch namespaces declared on each element. */
const query = fixture("arxiv-query.xml");
/** The same kind of response with the namespaces declared once on the root. */
const rootNs = fixture("arxiv-root-ns.xml");
const parse = (text: string, date?: string) => parseArxivAtom(text, { today: TODAY, date });

const ATOM = 'xmlns="http://www.w3.org/2005/Atom"';
/** A small feed around the given entry elements, with the arXiv namespace on the root. */
const feedOf = (...entries: string[]) =>
  `<feed ${ATOM} xmlns:arxiv="http://arxiv.org/schemas/atom">\n${entries.join("\n")}\n</feed>\n`;
const entryOf = (fields: string, id = "http://arxiv.org/abs/2511.04321v1") =>
  `<entry><id>${id}</id><published>2025-11-03T10:00:00Z</published>${fields}</entry>`;
const RSS = `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>cs.CL updates on arXiv.org</title>
<item><title>Sparse Mixture-of-Experts for Long-Context Retrieval</title><link>https://arxiv.org/abs/2511.01234</link></item>
</channel></rss>\n`;
/** Line numbers (1-based) of the lines of `text` that satisfy `test`. */
const linesWhere = (text: string, test: (line: string) => boolean) =>
  text.split("\n").flatMap((line, i) => (test(line) ? [i + 1] : []));

/** The FeedError a whole-file failure throws, asserting it is one with a one-line message. */
function failure(text: string): FeedError {
  let error: unknown;
  try {
    parse(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FeedError);
  expect((error as Error).message).not.toContain("\n");
  return error as FeedError;
}

describe("parseArxivAtom on an arXiv API response", () => {
  const parsed = parse(query);
  const entry = (n: number) => parsed.entries[n - 1]!;

  it("reads every entry in file order, numbered from 1, with the line its <entry> starts on", () => {
    expect(parsed.entries.map((e) => e.entry)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parsed.entries.map((e) => e.line)).toEqual(linesWhere(query, (line) => line.trim() === "<entry>"));
    expect(parsed.entries.every((e) => e.source === "arxiv")).toBe(true);
    expect(parsed.rejected).toEqual([]);
  });

  it("keys each paper by its arXiv id without the version, old-style ids included", () => {
    expect(parsed.entries.map((e) => e.arxivId)).toEqual([
      "2511.01234",
      "cs/0112017",
      "2511.00987",
      "2511.00990",
      "2511.00512",
      "2511.01502",
    ]);
  });

  it("joins a title wrapped over two lines with a single space", () => {
    expect(entry(1).title).toBe("Sparse Mixture-of-Experts for Long-Context Retrieval");
    expect(entry(5).title).toBe(
      "Direct Preference Optimization Without a Reference Model: A Closer Look at Length Bias",
    );
  });

  it("unwraps the abstract's lines into one paragraph, trimmed, and keeps a blank-line paragraph break", () => {
    expect(entry(3).abstract).toBe(
      "We train byte-level transformers without a tokenizer and show that a patching scheme based on next-byte " +
        "entropy closes the gap with subword models on multilingual benchmarks while using 30% fewer FLOPs at inference.",
    );
    expect(entry(2).abstract).toBe(
      "This paper presents a statistical parser for natural language that obtains a parsing accuracy of roughly 87% " +
        "on Wall Street Journal text. The parser uses a maximum entropy framework to combine many contextual features " +
        "into a single probability model.\n\nIn a second set of experiments we show that the same features transfer " +
        "to Chinese with no language-specific engineering.",
    );
    expect(entry(1).abstract).toMatch(
      /^We study sparse mixture-of-experts \(MoE\) retrievers for documents of up to 1M/,
    );
    expect(entry(1).abstract).toMatch(/\/sparse-moe-retrieval$/);
  });

  it("decodes entities exactly once, so markup the authors escaped stays literal text", () => {
    // In the XML: &lt;b&gt; ... &amp;amp; or &amp;lt;b&amp;gt; ... r&#233;sum&#xE9;
    expect(entry(1).abstract).toContain(
      "wrapped results in <b> tags and escaped them as &amp; or &lt;b&gt; in its outputs; we report the résumé of",
    );
    // In the XML: SimPO &amp;amp; ORPO ... 41&#37; ... &#8776;0.5 ... &quot;ties&quot;
    expect(entry(5).abstract).toContain("(e.g. SimPO &amp; ORPO)");
    expect(entry(5).abstract).toContain("grows by 41% over three epochs");
    expect(entry(5).abstract).toMatch(/Scores below ≈0\.5 are reported as "ties"\.$/);
  });

  it("lists authors in order, accented names included", () => {
    expect(entry(1).authors).toEqual(["Jane Doe", "Wei Zhang", "Amélie Laurent"]);
    expect(entry(5).authors).toEqual(["Lucas Moreau", "Hana Sato", "Omar Haddad", "Grace Kim"]);
  });

  it("reads an entry with a single author, link and category as lists of one", () => {
    expect(entry(3).authors).toEqual(["Priya Raman"]);
    expect(entry(3).categories).toEqual(["cs.CL"]);
    expect(entry(3).arxivId).toBe("2511.00987");
  });

  it("puts the primary category first, then the others in order, without repeats", () => {
    expect(entry(1).categories).toEqual(["cs.CL", "cs.LG", "cs.IR"]);
    expect(entry(5).categories).toEqual(["cs.LG", "cs.AI", "cs.CL"]);
    expect(entry(2).categories).toEqual(["cs.CL"]);
  });

  it("reads the DOI and the comment, unwrapping the comment, and leaves them out when absent", () => {
    expect(entry(1).doi).toBe("10.1000/xyz123");
    expect(entry(1).comment).toBe("12 pages, 4 figures; accepted at ICLR 2026");
    expect(entry(5).comment).toBe("v3: added AlpacaEval results");
    expect(entry(2).doi).toBeUndefined();
    expect(entry(2).comment).toBeUndefined();
  });

  it("links the PDF over https, and builds the link from the id when the entry has none", () => {
    expect(entry(1).pdfUrl).toBe("https://arxiv.org/pdf/2511.01234v2");
    expect(entry(2).pdfUrl).toBe("https://arxiv.org/pdf/cs/0112017v1");
    expect(entry(3).pdfUrl).toBe("https://arxiv.org/pdf/2511.00987");
    expect(entry(6).pdfUrl).toBe("https://arxiv.org/pdf/2511.01502v1");
  });

  it("dates each paper by the UTC day of its published and updated times", () => {
    expect([entry(1).publishedOn, entry(1).updatedOn]).toEqual(["2025-11-03", "2025-11-05"]);
    expect([entry(2).publishedOn, entry(2).updatedOn]).toEqual(["2001-12-19", "2001-12-20"]);
    // 2025-11-02T22:30:00-05:00 is 03:30 on Nov 3 in UTC.
    expect([entry(6).publishedOn, entry(6).updatedOn]).toEqual(["2025-11-03", "2025-11-03"]);
  });

  it("files each paper under its published day and ranks papers per day in file order", () => {
    expect(parsed.entries.map((e) => [e.feedDate, e.rank])).toEqual([
      ["2025-11-03", 1],
      ["2001-12-19", 1],
      ["2025-11-03", 2],
      ["2025-11-03", 3],
      ["2025-11-02", 1],
      ["2025-11-03", 4],
    ]);
    expect(parsed.feedDates).toEqual(["2025-11-03", "2001-12-19", "2025-11-02"]);
  });

  it("reports how many results the query matched in all", () => {
    expect(parsed.totalResults).toBe(1532);
  });

  it("lets every paper through validation except the blank one, which is rejected on its own", () => {
    const { records, rejected } = validateEntries(parsed.entries);
    expect(records.map((r) => r.entry)).toEqual([1, 2, 3, 5, 6]);
    expect(rejected).toEqual([{ entry: 4, line: entry(4).line, title: "(no title)", reason: "has an empty title" }]);
    expect(records[0]).toMatchObject({
      key: "arxiv:2511.01234",
      source: "arxiv",
      categories: ["cs.CL", "cs.LG", "cs.IR"],
    });
  });

  it("uses a given date as every paper's feed day and ranks them all as one day", () => {
    const dated = parse(query, "2025-11-04");
    expect(dated.feedDates).toEqual(["2025-11-04"]);
    expect(dated.entries.map((e) => [e.feedDate, e.rank])).toEqual([1, 2, 3, 4, 5, 6].map((r) => ["2025-11-04", r]));
    expect(dated.entries[1]!.publishedOn).toBe("2001-12-19");
  });
});

describe("parseArxivAtom with the namespaces declared once on the root", () => {
  const parsed = parse(rootNs);

  it("reads the arXiv fields and the result count", () => {
    expect(parsed.totalResults).toBe(48210);
    expect(parsed.entries.map((e) => e.comment)).toEqual([
      "9 pages, 6 figures",
      expect.any(String),
      "21 pages",
      undefined,
    ]);
    expect(parsed.entries.map((e) => e.categories)).toEqual([
      ["cs.LG", "cs.CL"],
      ["cs.CL", "cs.LG", "cs.IR"],
      ["math.ST", "stat.ML"],
      ["cs.LG"],
    ]);
    expect(parsed.entries[1]!.doi).toBe("10.1000/xyz123");
  });

  it("reads a paper the same whichever way the namespaces are declared", () => {
    const here = parsed.entries.find((e) => e.arxivId === "2511.01234")!;
    const there = parse(query).entries.find((e) => e.arxivId === "2511.01234")!;
    expect({ ...here, entry: 0, line: 0 }).toEqual({ ...there, entry: 0, line: 0 });
  });

  it("reads an old-style id with a subject class and its PDF link", () => {
    expect(parsed.entries[2]).toMatchObject({
      arxivId: "math.ST/0406449",
      pdfUrl: "https://arxiv.org/pdf/math.ST/0406449v2",
      publishedOn: "2004-06-23",
      authors: ["Henrik Lindqvist"],
    });
  });

  it("keeps a paragraph break whose blank line holds only indentation", () => {
    expect(parsed.entries[2]!.abstract).toMatch(
      /under a margin condition\.\n\nSimulations on three regression benchmarks with Cauchy noise confirm the rates\.$/,
    );
  });
});

describe("parseArxivAtom reading XML", () => {
  it("finds arXiv fields by namespace, whatever the prefix, and ignores look-alikes from other namespaces", () => {
    const text = `<feed ${ATOM} xmlns:ax="http://arxiv.org/schemas/atom" xmlns:arxiv="http://example.org/not-arxiv">
      ${entryOf(`<title>T</title><summary>S</summary>
        <arxiv:doi>10.1/fake</arxiv:doi><ax:doi>10.1/real</ax:doi>
        <arxiv:primary_category term="cs.RO"/><ax:primary_category term="cs.CV"/><category term="cs.LG"/>`)}
    </feed>`;
    const [entry] = parse(text).entries;
    expect(entry!.doi).toBe("10.1/real");
    expect(entry!.categories).toEqual(["cs.CV", "cs.LG"]);
  });

  it("keeps text that looks like a number exactly as written", () => {
    const text = feedOf(entryOf("<title>007</title><summary>1e5</summary><arxiv:comment>0012.50</arxiv:comment>"));
    expect(parse(text).entries[0]).toMatchObject({ title: "007", abstract: "1e5", comment: "0012.50" });
  });

  it("keeps CDATA text as written and decodes entities only outside it", () => {
    const text = feedOf(entryOf("<title>A &amp;amp; B <![CDATA[&amp; <i>x</i>]]></title><summary>S</summary>"));
    expect(parse(text).entries[0]!.title).toBe("A &amp; B &amp; <i>x</i>");
  });

  it("reads a file with a byte-order mark and CRLF line ends like any other", () => {
    const crlf = parse("\uFEFF" + query.replace(/\n/g, "\r\n"));
    expect(crlf.entries).toEqual(parse(query).entries);
  });

  it.each([
    ["http://arxiv.org/abs/2511.01234v2", "2511.01234"],
    ["https://arxiv.org/abs/2401.00001", "2401.00001"],
    ["http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"],
    ["http://arxiv.org/abs/math.GT/0309136v2", "math.GT/0309136"],
    ["http://example.org/abs/2511.01234v1", undefined],
    ["http://arxiv.org/abs/not-an-id", undefined],
  ])("reads the entry id %s as the arXiv id %s", (id, expected) => {
    const text = `<feed ${ATOM}>${entryOf("<title>T</title><summary>S</summary>", id)}</feed>`;
    expect(parse(text).entries[0]!.arxivId).toBe(expected);
  });

  it("takes the arXiv id from the alternate link when the entry id is not an abs URL", () => {
    const text = feedOf(
      entryOf(
        '<title>T</title><link href="https://arxiv.org/abs/2511.07777v3" rel="alternate" type="text/html"/>',
        "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6",
      ),
    );
    expect(parse(text).entries[0]).toMatchObject({
      arxivId: "2511.07777",
      pdfUrl: "https://arxiv.org/pdf/2511.07777",
    });
  });
});

describe("parseArxivAtom failures", () => {
  it("rejects a file cut off halfway as a whole, saying the XML is incomplete", () => {
    for (const text of [query, rootNs]) {
      expect(failure(text.slice(0, Math.floor(text.length / 2))).message).toMatch(
        /^the XML is incomplete or malformed \(line \d+ of \d+: /,
      );
    }
  });

  it("says where a file that stops between two entries ends", () => {
    const cut = query.slice(0, query.indexOf("<entry>", query.indexOf("</entry>")));
    const lastLine = cut.trimEnd().split("\n").length;
    expect(failure(cut).message).toBe(
      `the XML is incomplete or malformed (line ${lastLine} of ${lastLine}: the file ends before <feed>, opened on line 2, is closed)`,
    );
  });

  it("points at the line of a closing tag that does not match", () => {
    const broken = query.replace("Maximum Entropy Models</title>", "Maximum Entropy Models</titel>");
    const [line] = linesWhere(broken, (l) => l.includes("</titel>"));
    expect(failure(broken).message).toMatch(
      new RegExp(`^the XML is incomplete or malformed \\(line ${line} of \\d+: .*'titel'`),
    );
  });

  it.each([
    ["an empty file", "", /^the file is empty$/],
    ["plain text", "Trending papers\n\nMar 11\n\nSome Title", /^the file is not XML/],
    ["a JSON file", '[{"paper": {"id": "2511.01234"}}]', /^the file is not XML/],
    ["an RSS feed", RSS, /^the XML is not an Atom feed \(root element <rss>\)$/],
    ["an HTML page", "<html><head><title>arXiv</title></head><body><p>Hi</p></body></html>", /root element <html>/],
    [
      "a <feed> outside the Atom namespace",
      "<feed><entry><title>T</title></entry></feed>",
      /not in the Atom namespace/,
    ],
    ["two root elements", `<feed ${ATOM}/>\n<feed ${ATOM}/>`, /2 root elements/],
    ["an unescaped ampersand", query.replace("SimPO &amp;amp; ORPO", "SimPO & ORPO"), /malformed \(line \d+ of/],
  ])("fails as a whole, with a one-line reason, for %s", (_, text, message) => {
    expect(failure(text).message).toMatch(message);
  });

  it("relays arXiv's own error message", () => {
    expect(failure(fixture("arxiv-error.xml")).message).toBe("arXiv reported an error: incorrect id format for 1234");
  });

  it("returns no entries, without failing, for a query that matched nothing", () => {
    expect(parse(fixture("arxiv-empty.xml"))).toEqual({ entries: [], rejected: [], feedDates: [], totalResults: 0 });
  });

  it("refuses a DOCTYPE instead of expanding its entities (billion laughs)", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`);
    const bomb = [
      '<?xml version="1.0"?>',
      "<!DOCTYPE feed [",
      '  <!ENTITY lol "lol">',
      ...levels,
      "]>",
      feedOf(entryOf("<title>&lol9;</title><summary>&lol;</summary>")),
    ].join("\n");
    expect(failure(bomb).message).toMatch(/DOCTYPE/);
  });

  it("refuses a DOCTYPE declaring thousands of entities", () => {
    const many = Array.from({ length: 5000 }, (_, i) => `<!ENTITY e${i} "x">`).join("");
    expect(failure(`<!DOCTYPE feed [${many}]>${feedOf(entryOf("<title>&e1;</title>"))}`).message).toMatch(/entit/i);
  });
});

describe("looksLikeAtom", () => {
  it("recognises Atom feeds, even one cut off halfway", () => {
    for (const text of [query, rootNs, fixture("arxiv-error.xml"), fixture("arxiv-empty.xml")]) {
      expect(looksLikeAtom(text)).toBe(true);
      expect(looksLikeAtom(text.slice(0, Math.floor(text.length / 2)))).toBe(true);
    }
    expect(looksLikeAtom(`<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry>`)).toBe(true);
  });

  it.each([
    ["an empty file", ""],
    ["plain text", "Trending papers\n\nMar 11\n\nA < B: Comparing Models"],
    ["a JSON file", '{"papers": [{"title": "<b>Bold</b>"}]}'],
    ["an RSS feed", RSS],
    ["an HTML page", "<html><body><feed>not really</feed></body></html>"],
    ["a <feed> outside the Atom namespace", "<feed><entry/></feed>"],
  ])("does not take %s for an Atom feed", (_, text) => {
    expect(looksLikeAtom(text)).toBe(false);
  });
});
