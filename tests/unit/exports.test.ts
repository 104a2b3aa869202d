import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { toBibtex } from "@/lib/export/bibtex";
import { citationKeys, splitName, type Citable } from "@/lib/export/citation";
import { toCslJson } from "@/lib/export/csl";
import { cslDataSchema } from "@/tests/helpers/csl-schema";

const paper = (over: Partial<Citable> = {}): Citable => ({
  slug: "mates",
  title: "MATES: Model-Aware Data Selection",
  abstract: "An abstract with $x^2$ and 50% & more.",
  authors: ["Zichun Yu", "Spandan Das"],
  arxivId: "2406.06046",
  publishedOn: "2024-06-10",
  firstFeedDate: "2026-03-11",
  note: "Read for the reading group: compare with DSIR {soon} & 100% worth it",
  tags: ["data selection", "to-read"],
  pageUrl: "http://localhost:3000/papers/mates",
  ...over,
});

const bib = (entries: Citable[]) => parseBibtex(toBibtex(entries), { sentenceCase: false });

describe("BibTeX export", () => {
  it("parses back with a BibTeX parser, every field as written", () => {
    const { entries, errors } = bib([paper()]);
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e.type).toBe("misc");
    expect(e.fields.title).toBe("MATES: Model-Aware Data Selection");
    expect(e.fields.author).toEqual([
      { firstName: "Zichun", lastName: "Yu" },
      { firstName: "Spandan", lastName: "Das" },
    ]);
    expect(e.fields.year).toBe("2024");
    expect(e.fields.url).toBe("https://arxiv.org/abs/2406.06046");
    expect(e.fields.eprint).toBe("2406.06046");
    expect(e.fields.archiveprefix).toBe("arXiv");
    expect(e.fields.note).toBe("Read for the reading group: compare with DSIR {soon} & 100% worth it");
    expect(e.fields.keywords).toEqual(["data selection", "to-read"]);
  });

  it("escapes any feed text into a valid entry", () => {
    const hostile = paper({ title: 'Weird } { \\ # $ _ ~ ^ % & "title"', note: "", tags: [], arxivId: null });
    const { entries, errors } = bib([hostile]);
    expect(errors).toEqual([]);
    expect(entries[0]!.fields.title).toBe('Weird } { \\ # $ _ ~ ^ % & "title"');
    expect(entries[0]!.fields.url).toBe("http://localhost:3000/papers/mates");
    expect(entries[0]!.fields.eprint).toBeUndefined();
  });

  it("dates a paper by the day it first trended when its publication day is unknown", () => {
    expect(bib([paper({ publishedOn: null })]).entries[0]!.fields.year).toBe("2026");
  });

  it("gives every entry of a file its own key", () => {
    const keys = citationKeys([paper(), paper(), paper({ authors: [] })]);
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toBe("yu2024mates");
  });
});

describe("CSL-JSON export", () => {
  it("is valid CSL-JSON", () => {
    const items = toCslJson([paper(), paper({ authors: [], arxivId: null, note: "", tags: [] })]);
    expect(cslDataSchema.safeParse(items).success).toBe(true);
  });

  it("carries the fields a reference manager needs", () => {
    const [item] = toCslJson([paper()]);
    expect(item).toMatchObject({
      type: "article",
      title: "MATES: Model-Aware Data Selection",
      author: [
        { family: "Yu", given: "Zichun" },
        { family: "Das", given: "Spandan" },
      ],
      issued: { "date-parts": [[2024, 6, 10]] },
      URL: "https://arxiv.org/abs/2406.06046",
      DOI: "10.48550/arXiv.2406.06046",
      note: paper().note,
      keyword: "data selection, to-read",
    });
  });

  it("splits names as family and given, keeping 'Family, Given' as written", () => {
    expect(splitName("Ada Lovelace")).toEqual({ family: "Lovelace", given: "Ada" });
    expect(splitName("van der Berg, Jan")).toEqual({ family: "van der Berg", given: "Jan" });
    expect(splitName("Plato")).toEqual({ family: "Plato" });
  });
});
