// CSL-JSON (the Citation Style Language's data format, read by Zotero, Pandoc and
// citeproc) for papers on a shelf. arXiv papers get their arXiv DOI. Pure.
import { citationKeys, citedDay, citedUrl, splitName, type Citable } from "@/lib/export/citation";
import { plainText } from "@/lib/text/rich-text";

export type CslItem = {
  id: string;
  type: "article";
  title: string;
  author?: { family: string; given?: string }[];
  issued: { "date-parts": [[number, number, number]] };
  URL: string;
  abstract?: string;
  number?: string;
  publisher?: string;
  DOI?: string;
  note?: string;
  keyword?: string;
};

export function toCslJson(entries: Citable[]): CslItem[] {
  const keys = citationKeys(entries);
  return entries.map((c, i) => {
    const [y, m, d] = citedDay(c).split("-").map(Number) as [number, number, number];
    return {
      id: keys[i]!,
      // "article" is CSL's type for preprints and working papers.
      type: "article",
      title: plainText(c.title),
      ...(c.authors.length && { author: c.authors.map(splitName) }),
      issued: { "date-parts": [[y, m, d]] },
      URL: citedUrl(c),
      ...(c.abstract && { abstract: plainText(c.abstract) }),
      ...(c.arxivId && { number: c.arxivId, publisher: "arXiv", DOI: `10.48550/arXiv.${c.arxivId}` }),
      ...(c.note && { note: c.note }),
      ...(c.tags?.length && { keyword: c.tags.join(", ") }),
    };
  });
}
