// Parser for arXiv API responses (export.arxiv.org/api/query): an Atom feed with
// one <entry> per paper and arXiv's own fields (primary category, DOI, comment)
// in the arXiv namespace. Pure: takes the decoded text, returns entries for
// lib/feed/schema.
//
// The XML is read with fast-xml-parser, never by hand. Three things about it are
// decided here rather than left to its defaults:
// - Entities are decoded by our own one-pass decoder, plugged in as the parser's
//   `entityDecoder`. The built-in one only decodes numeric references with the
//   deprecated `htmlEntities`, and expands entities a DOCTYPE declares. Ours
//   decodes the five XML entities and numeric references exactly once (`&amp;lt;`
//   is the text "&lt;"), leaves CDATA alone (the parser never hands it over) and
//   never expands declared entities: a file with a DOCTYPE is refused outright,
//   as no arXiv response has one and it is how entity-expansion attacks arrive.
// - Text stays text: no number parsing, no trimming. Whitespace is unwrapped here,
//   where a paragraph break can still be told from a wrapped line.
// - Names are matched by namespace URI, not by prefix, because arXiv declares its
//   namespace on each element while saved or proxied copies declare it once on
//   the root (or under another prefix).
import { XMLParser, XMLValidator, type EntityDecoderOptions, type X2jOptions } from "fast-xml-parser";
import { parseIsoDay } from "@/lib/feed/dates";
import { FeedError } from "@/lib/feed/errors";
import { formatBytes, MAX_FEED_ENTRIES, tooManyEntries } from "@/lib/feed/limits";
import type { FeedEntry, ParsedFeed } from "@/lib/feed/schema";
import { ARXIV_ID } from "@/lib/feed/schema";
import { cleanLine } from "@/lib/text/clean";

export type ArxivOptions = {
  /** "YYYY-MM-DD": the feed's day, overriding each entry's published day. */
  date?: string;
  /** "YYYY-MM-DD": today. Entries carry full dates, so nothing is resolved against it. */
  today: string;
};

const ATOM_NS = "http://www.w3.org/2005/Atom";
const ARXIV_NS = "http://arxiv.org/schemas/atom";
/** arXiv writes the OpenSearch 1.1 URI with a trailing slash; the spec itself has none. */
const OPENSEARCH_NS = ["http://a9.com/-/spec/opensearch/1.1/", "http://a9.com/-/spec/opensearch/1.1"];

/** The id arXiv gives the single entry of an error response, e.g. ".../api/errors#incorrect_id_format_for_1234". */
const ERROR_ID = /^https?:\/\/(?:export\.)?arxiv\.org\/api\/errors/;
/** An abs page URL: http(s)://arxiv.org/abs/2511.01234v2, .../abs/math.GT/0309136v2. The version is dropped. */
const ABS_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\/(.+?)(?:v\d+)?\/?$/;

/** The five XML entities and numeric references, matched in one pass so a decoded "&" is never read again. */
const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decodes entity references exactly once. A reference to a code point that does
 * not exist (&#0;, a lone surrogate, beyond U+10FFFF) and any entity a DOCTYPE
 * might declare are left as written.
 */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name]!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

/** What the parser calls for entities. `onDoctype` runs when the document declares a DOCTYPE. */
function entityDecoder(onDoctype: () => void): EntityDecoderOptions {
  return {
    decode: decodeEntities,
    // The parser hands over a DOCTYPE's entities here, for every DOCTYPE it meets, even one declaring none.
    addInputEntities: onDoctype,
    setExternalEntities: () => {},
    reset: () => {},
    setXmlVersion: () => {},
  };
}

/** Options shared by the full parse and the root sniff. */
const BASE_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // "2401.12345", "007" and "1e5" are ids and text, not numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Leading and trailing whitespace is dropped when unwrapping; the parser must
  // not trim pieces of text one by one around CDATA sections.
  trimValues: false,
  // Must stay on: the parser only calls `entityDecoder` when it is.
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
} satisfies X2jOptions;

/**
 * An element as the parser returns it with `alwaysCreateTextNode` and every
 * element a list: its text under "#text", attributes under "@_name", and each
 * child name (with its prefix, e.g. "arxiv:doi") mapping to a list of elements.
 */
type XmlElement = { [key: string]: unknown };
/** In-scope namespace prefixes ("" for the default namespace) and their URIs. */
type Scope = ReadonlyMap<string, string>;
/** An element with the namespaces in scope on it. */
type Node = { el: XmlElement; scope: Scope };

const META = XMLParser.getMetaDataSymbol();

function isElement(value: unknown): value is XmlElement {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The scope on an element: its parent's, plus the element's own xmlns declarations. */
function scopeOf(el: XmlElement, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(el)) {
    if (typeof value !== "string") continue;
    const prefix = key === "@_xmlns" ? "" : key.startsWith("@_xmlns:") ? key.slice("@_xmlns:".length) : undefined;
    if (prefix === undefined) continue;
    scope ??= new Map(parent);
    scope.set(prefix, value);
  }
  return scope ?? parent;
}

/** Splits a qualified name "prefix:local" (or "local") and resolves the prefix in a scope. */
function resolveName(qname: string, scope: Scope): { ns: string | undefined; local: string } {
  const colon = qname.indexOf(":");
  const prefix = colon === -1 ? "" : qname.slice(0, colon);
  return { ns: scope.get(prefix), local: qname.slice(colon + 1) };
}

/** The child elements of a node with the given namespace URI(s) and local name, in document order. */
function children(node: Node, ns: string | readonly string[], local: string): Node[] {
  const found: Node[] = [];
  for (const [key, value] of Object.entries(node.el)) {
    if (key === "#text" || key.startsWith("@_") || !Array.isArray(value)) continue;
    for (const el of value) {
      if (!isElement(el)) continue;
      const scope = scopeOf(el, node.scope);
      const name = resolveName(key, scope);
      if (
        name.local === local &&
        name.ns !== undefined &&
        (typeof ns === "string" ? name.ns === ns : ns.includes(name.ns))
      ) {
        found.push({ el, scope });
      }
    }
  }
  // Children with different names sit under different keys; the parser's offsets restore file order.
  return found.sort((a, b) => startIndex(a.el) - startIndex(b.el));
}

function startIndex(el: XmlElement): number {
  return (el[META as unknown as string] as { startIndex?: number } | undefined)?.startIndex ?? 0;
}

function child(node: Node, ns: string | readonly string[], local: string): Node | undefined {
  return children(node, ns, local)[0];
}

/** The element's text, decoded; "" when it has none. */
function textOf(node: Node | undefined): string {
  const text = node?.el["#text"];
  return typeof text === "string" ? text : "";
}

function attr(node: Node, name: string): string | undefined {
  const value = node.el[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

/**
 * arXiv wraps titles and abstracts at about 80 columns with a newline and
 * indentation. Lines are joined with single spaces; a blank line is a real
 * paragraph break and is kept as "\n\n".
 */
function unwrap(text: string): string {
  return text
    .split(/\n[^\S\n]*\n\s*/)
    .map(cleanLine)
    .filter(Boolean)
    .join("\n\n");
}

/** Text of an optional element, unwrapped; undefined when absent or blank. */
function optionalText(node: Node | undefined): string | undefined {
  return unwrap(textOf(node)) || undefined;
}

/**
 * The UTC day of an Atom date-time ("2025-11-03T17:59:58Z", "...-05:00").
 * A time without a zone is taken as written (never as the machine's local time).
 */
function utcDay(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text.trim(),
  );
  if (!m || !parseIsoDay(`${m[1]}-${m[2]}-${m[3]}`)) return undefined;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const zone = m[7];
  if (!zone || /^z$/i.test(zone)) return day;
  const sign = zone.startsWith("-") ? -1 : 1;
  const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return new Date(local - sign * (zh * 60 + zm) * 60_000).toISOString().slice(0, 10);
}

/** The arXiv id, without version, of an abs URL; undefined for anything else. */
function arxivIdOf(url: string): string | undefined {
  const id = ABS_URL.exec(url.trim())?.[1];
  return id && ARXIV_ID.test(id) ? id : undefined;
}

/** arXiv's own http links are served over https too; other hosts are left alone. */
function httpsArxiv(url: string): string {
  return url.trim().replace(/^http:\/\/((?:www\.|export\.)?arxiv\.org)\//, "https://$1/");
}

/** Makes a parser message one line (the validator's can contain newlines and indentation). */
function oneLine(message: string): string {
  return message.replace(/\s+/g, " ").trim();
}

/** The validator's error, as a one-line sentence with a line number a user can look at. */
function malformed(err: { code: string; msg: string; line: number }, xml: string): FeedError {
  const lastLine = xml.trimEnd().split("\n").length;
  // A file that ends early is reported as the tags still open: either by name, at the line
  // that opened it, or as a list, at "line 1". Either way, say so at the file's last line.
  const unclosed = /^Unclosed tag '([^']*)'\.$/.exec(err.msg);
  if (unclosed) {
    return new FeedError(
      `the XML is incomplete or malformed (line ${lastLine} of ${lastLine}: the file ends before <${unclosed[1]}>, opened on line ${err.line}, is closed)`,
    );
  }
  const open = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg);
  if (err.code === "InvalidXml" && open) {
    let tags: unknown;
    try {
      tags = JSON.parse(open[1]!);
    } catch {
      tags = undefined;
    }
    const outer = Array.isArray(tags) && typeof tags[0] === "string" ? tags[0] : undefined;
    if (outer) {
      return new FeedError(
        `the XML is incomplete or malformed (line ${lastLine} of ${lastLine}: the file ends before <${outer}> is closed)`,
      );
    }
  }
  // "line 72 of 72" tells a file cut off mid-tag from a mistake in the middle.
  return new FeedError(`the XML is incomplete or malformed (line ${err.line} of ${lastLine}: ${oneLine(err.msg)})`);
}

/** Text as the parser gets it: no byte-order mark, LF line ends (so offsets give line numbers). */
function normalise(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/**
 * The longest stretch of text or markup without a "<" or ">" that is read. The
 * XML validator and parser build tag names, attributes and text one character at
 * a time, which takes about 40 bytes of memory per character until the piece ends:
 * a 50 MB text node would take 2 GB. No Atom field comes near this (abstracts are
 * at most 100,000 characters).
 */
export const MAX_XML_RUN = 1024 * 1024;

/** Refuses XML with a run longer than MAX_XML_RUN, naming its line. Linear in the length. */
function checkRuns(xml: string): void {
  let start = 0;
  for (;;) {
    const lt = xml.indexOf("<", start);
    const gt = xml.indexOf(">", start);
    const end = lt === -1 ? (gt === -1 ? xml.length : gt) : gt === -1 ? lt : Math.min(lt, gt);
    if (end - start > MAX_XML_RUN) {
      throw new FeedError(
        `the XML has ${formatBytes(end - start)} without a "<" or ">" (from line ${lineCounter(xml)(start)}); ` +
          "no Atom feed has a name, attribute or text that long",
      );
    }
    if (end >= xml.length) return;
    start = end + 1;
  }
}

/** Thrown from the parser's callbacks to stop reading after the root's start tag. */
const STOP = Symbol("stop");

/**
 * True when the text looks like an Atom feed (root <feed> in the Atom namespace),
 * for format detection. Only the root's start tag is read, so a feed cut short
 * still counts: parseArxivAtom then reports what is wrong with it.
 */
export function looksLikeAtom(text: string): boolean {
  const xml = normalise(text).trimStart();
  if (!xml.startsWith("<")) return false;
  let root: { name: string; attrs: Record<string, string> } | undefined;
  try {
    new XMLParser({
      ...BASE_OPTIONS,
      entityDecoder: entityDecoder(() => {}),
      updateTag: (name, _path, attrs) => {
        if (name.startsWith("?")) return name;
        root = { name, attrs };
        throw STOP;
      },
    }).parse(xml);
  } catch (error) {
    if (error !== STOP) return false;
  }
  if (!root) return false;
  const name = resolveName(root.name, scopeOf(root.attrs, new Map()));
  return name.local === "feed" && name.ns === ATOM_NS;
}

/**
 * Parses an arXiv API Atom response. Throws FeedError when the text is not XML,
 * is cut short or malformed, has a DOCTYPE, is not an Atom feed, or is arXiv's
 * error response. A query that matched nothing returns no entries.
 */
export function parseArxivAtom(text: string, options: ArxivOptions): ParsedFeed & { totalResults?: number } {
  const xml = normalise(text);
  if (!xml.trim()) throw new FeedError("the file is empty");
  if (!xml.trimStart().startsWith("<")) throw new FeedError('the file is not XML (it does not start with "<")');
  checkRuns(xml);
  const validation = XMLValidator.validate(xml);
  if (validation !== true) throw malformed(validation.err, xml);

  let document: unknown;
  try {
    document = new XMLParser({
      ...BASE_OPTIONS,
      alwaysCreateTextNode: true,
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
      captureMetaData: true,
      entityDecoder: entityDecoder(() => {
        throw new FeedError(
          "the XML has a DOCTYPE declaration, which arXiv feeds never have; its entities are not expanded",
        );
      }),
    }).parse(xml);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError(
      `the XML could not be read (${oneLine(error instanceof Error ? error.message : String(error))})`,
    );
  }

  const feed = rootFeed(document);
  const totalText = textOf(child(feed, OPENSEARCH_NS, "totalResults")).trim();
  const totalResults = /^\d+$/.test(totalText) ? Number(totalText) : undefined;
  const entryNodes = children(feed, ATOM_NS, "entry");
  if (entryNodes.length > MAX_FEED_ENTRIES) throw tooManyEntries(entryNodes.length);

  for (const node of entryNodes) {
    if (ERROR_ID.test(textOf(child(node, ATOM_NS, "id")).trim())) {
      const message = cleanLine(textOf(child(node, ATOM_NS, "summary"))) || "no message";
      throw new FeedError(`arXiv reported an error: ${message}`);
    }
  }

  const lineAt = lineCounter(xml);
  const entries: FeedEntry[] = [];
  const feedDates: string[] = [];
  const ranks = new Map<string, number>();
  entryNodes.forEach((node, i) => {
    const entry = readEntry(node, i + 1, lineAt(startIndex(node.el)));
    entry.feedDate = options.date ?? entry.publishedOn;
    if (entry.feedDate) {
      // Rank is the position among the day's entries in the file, so a rejected neighbour does not move anyone up.
      const rank = (ranks.get(entry.feedDate) ?? 0) + 1;
      ranks.set(entry.feedDate, rank);
      entry.rank = rank;
      if (rank === 1) feedDates.push(entry.feedDate);
    }
    entries.push(entry);
  });
  return { entries, rejected: [], feedDates, ...(totalResults !== undefined && { totalResults }) };
}

/** The document's single root element, which must be an Atom <feed>. */
function rootFeed(document: unknown): Node {
  const roots: { key: string; node: Node }[] = [];
  if (isElement(document)) {
    for (const [key, value] of Object.entries(document)) {
      if (key.startsWith("#") || key.startsWith("?") || !Array.isArray(value)) continue;
      for (const el of value) {
        if (isElement(el)) roots.push({ key, node: { el, scope: scopeOf(el, new Map()) } });
      }
    }
  }
  // The validator accepts several top-level elements; a feed has exactly one.
  if (roots.length !== 1) {
    throw new FeedError(`the XML has ${roots.length} root elements; an Atom feed has exactly one, <feed>`);
  }
  const { key, node } = roots[0]!;
  const name = resolveName(key, node.scope);
  if (name.local !== "feed") throw new FeedError(`the XML is not an Atom feed (root element <${key}>)`);
  if (name.ns !== ATOM_NS) {
    throw new FeedError(`the XML is not an Atom feed (root element <${key}> is not in the Atom namespace ${ATOM_NS})`);
  }
  return node;
}

/** Maps increasing offsets in the text to 1-based line numbers, counting each newline once. */
function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    for (; pos < offset && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++;
    return line;
  };
}

/** One <entry> as a FeedEntry, without its feed day and rank. */
function readEntry(node: Node, entry: number, line: number): FeedEntry {
  const titleNode = child(node, ATOM_NS, "title");
  const summaryNode = child(node, ATOM_NS, "summary");
  const links = children(node, ATOM_NS, "link");
  const alternate = links.find((link) => (attr(link, "rel") ?? "alternate") === "alternate");
  const arxivId =
    arxivIdOf(textOf(child(node, ATOM_NS, "id"))) ?? (alternate && arxivIdOf(attr(alternate, "href") ?? ""));

  const authors = children(node, ATOM_NS, "author")
    .map((author) => cleanLine(textOf(child(author, ATOM_NS, "name"))))
    .filter(Boolean);

  const primary = child(node, ARXIV_NS, "primary_category");
  const terms = [primary, ...children(node, ATOM_NS, "category")].map((c) => (c ? attr(c, "term")?.trim() : undefined));
  const categories = [...new Set(terms.filter((term): term is string => Boolean(term)))];

  const pdfHref = links.find((link) => attr(link, "title") === "pdf" && attr(link, "href")?.trim());
  const pdfUrl = pdfHref
    ? httpsArxiv(attr(pdfHref, "href")!)
    : arxivId
      ? `https://arxiv.org/pdf/${arxivId}`
      : undefined;

  return {
    entry,
    line,
    source: "arxiv",
    // A missing element stays undefined ("has no title"); an empty one is "" ("has an empty title").
    title: titleNode ? unwrap(textOf(titleNode)) : undefined,
    abstract: summaryNode ? unwrap(textOf(summaryNode)) : undefined,
    arxivId,
    authors: authors.length ? authors : undefined,
    publishedOn: utcDay(textOf(child(node, ATOM_NS, "published"))),
    updatedOn: utcDay(textOf(child(node, ATOM_NS, "updated"))),
    pdfUrl,
    categories: categories.length ? categories : undefined,
    doi: optionalText(child(node, ARXIV_NS, "doi")),
    comment: optionalText(child(node, ARXIV_NS, "comment")),
  };
}
