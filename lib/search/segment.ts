// The search index's compact, immutable part: every term's postings per field in
// typed arrays, what lib/search/engine.ts scores alongside a small MiniSearch
// holding the papers added or changed since (the "delta"), and what is saved to
// disk so a restart loads in well under a second instead of re-indexing the
// whole catalog. Pure: building, merging, encoding and decoding; the service
// (lib/search/service.ts) decides when, and does the file I/O.
//
// Why not keep one MiniSearch and save it with toJSON/loadJSON: at 100,000
// papers its JSON takes seconds to parse and its Maps of postings take seconds
// more to rebuild (see ../shared/reference/search-engines.md), and they use
// several times the memory of these arrays.
import type MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";

export type Segment = {
  /** Field names, in MiniSearch's field id order. */
  fields: string[];
  /** Every term, sorted (binary search for exact terms and prefix ranges). */
  terms: string[];
  /** A word to show for each term ("" when none). */
  surface: string[];
  /** Postings of term t in field f: postDocs/postTf[postStart[t*F+f] .. postStart[t*F+f+1]), by document. */
  postStart: Uint32Array;
  postDocs: Uint32Array;
  postTf: Uint8Array;
  /** External (paper) id of each document. */
  ids: Int32Array;
  /** Field lengths in terms, field-major: lengths[f*docCount + doc]. */
  lengths: Uint16Array;
  docCount: number;
  /** Documents not replaced or removed since the segment was made, and their field length totals. */
  alive: Uint8Array;
  aliveCount: number;
  totalLength: Float64Array;
  /** Paper id to document, for live documents. */
  docOf: Map<number, number>;
  /** Each document's phrase text, decoded on demand. */
  textBlob: Uint8Array;
  textStart: Uint32Array;
  /** Term → term number, for typo-tolerant lookups; built on first use. */
  fuzzyMap: SearchableMap<number> | null;
};

type MiniInternals = {
  _index: Iterable<[string, Map<number, Map<number, number>>]> & {
    get(term: string): Map<number, Map<number, number>> | undefined;
  };
  _documentIds: Map<number, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _options: { fields: string[] };
};

/** Index of the first term ≥ `term` (terms sorted by code unit). */
function lowerBound(terms: string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The term number of `term`, or -1. */
export function termNumber(segment: Segment, term: string): number {
  const i = lowerBound(segment.terms, term);
  return segment.terms[i] === term ? i : -1;
}

/** Term numbers of the terms starting with `prefix`. */
export function prefixRange(segment: Segment, prefix: string): [number, number] {
  const start = lowerBound(segment.terms, prefix);
  let end = start;
  while (end < segment.terms.length && segment.terms[end]!.startsWith(prefix)) end++;
  return [start, end];
}

/** Terms within `maxDistance` edits of `term`, with their term numbers and distances. */
export function fuzzyTerms(segment: Segment, term: string, maxDistance: number): [string, number, number][] {
  if (!segment.fuzzyMap) {
    const map = new SearchableMap<number>();
    segment.terms.forEach((t, i) => map.set(t, i));
    segment.fuzzyMap = map;
  }
  return [...segment.fuzzyMap.fuzzyGet(term, maxDistance)].map(([t, [n, d]]) => [t, n, d]);
}

const blobOf = (segment: Segment) =>
  Buffer.from(segment.textBlob.buffer, segment.textBlob.byteOffset, segment.textBlob.byteLength);

/**
 * A test of whether a document's phrase text contains `needle`, searching the
 * UTF-8 bytes where they are: decoding each candidate's text first made a phrase
 * of two common words cost a quarter of a second at 100,000 papers.
 */
export function segmentTextContains(segment: Segment, needle: string): (doc: number) => boolean {
  const blob = blobOf(segment);
  const bytes = Buffer.from(needle, "utf8");
  return (doc) => blob.subarray(segment.textStart[doc], segment.textStart[doc + 1]).indexOf(bytes) >= 0;
}

/** Marks a paper's document as gone (replaced by a newer version in the delta, or removed). */
export function retire(segment: Segment, id: number) {
  const doc = segment.docOf.get(id);
  if (doc === undefined) return;
  segment.docOf.delete(id);
  segment.alive[doc] = 0;
  segment.aliveCount--;
  for (let f = 0; f < segment.fields.length; f++) {
    segment.totalLength[f] = segment.totalLength[f]! - segment.lengths[f * segment.docCount + doc]!;
  }
}

/** A growable typed array. */
export class Grow<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number) {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/**
 * A new segment with the live documents of `base` followed by every document of
 * `delta` (a MiniSearch with the same fields), so the delta can start empty
 * again. `texts` gives each delta document's phrase text, `surface` a word to
 * show for a delta term. Documents keep their relative order.
 */
export function mergeSegment(
  base: Segment | null,
  delta: MiniSearch<never> | MiniSearch<unknown>,
  texts: (id: number) => string,
  surface: (term: string) => string | undefined,
): Segment {
  const mini = delta as unknown as MiniInternals;
  const fields = base?.fields ?? [...mini._options.fields].sort((a, b) => mini._fieldIds[a]! - mini._fieldIds[b]!);
  const F = fields.length;
  const fieldOfDelta = fields.map((f) => mini._fieldIds[f]!);

  // New document numbers: live base documents, then the delta's in the order they were added.
  const baseDocs = base?.docCount ?? 0;
  const baseMap = new Int32Array(baseDocs).fill(-1);
  const ids: number[] = [];
  for (let d = 0; d < baseDocs; d++) {
    if (!base!.alive[d]) continue;
    baseMap[d] = ids.length;
    ids.push(base!.ids[d]!);
  }
  const deltaShort = [...mini._documentIds.keys()].sort((a, b) => a - b);
  const deltaMap = new Map<number, number>();
  for (const short of deltaShort) {
    deltaMap.set(short, ids.length);
    ids.push(mini._documentIds.get(short)!);
  }
  const D = ids.length;

  const lengths = new Uint16Array(F * D);
  const totalLength = new Float64Array(F);
  const encoder = new TextEncoder();
  const textParts: Uint8Array[] = [];
  const textStart = new Uint32Array(D + 1);
  let textBytes = 0;
  const addText = (doc: number, bytes: Uint8Array) => {
    textParts.push(bytes);
    textStart[doc] = textBytes;
    textBytes += bytes.length;
  };
  for (let d = 0; d < baseDocs; d++) {
    const nd = baseMap[d]!;
    if (nd < 0) continue;
    for (let f = 0; f < F; f++) lengths[f * D + nd] = base!.lengths[f * baseDocs + d]!;
    addText(nd, base!.textBlob.subarray(base!.textStart[d], base!.textStart[d + 1]));
  }
  for (const short of deltaShort) {
    const nd = deltaMap.get(short)!;
    const byField = mini._fieldLength.get(short) ?? [];
    for (let f = 0; f < F; f++) lengths[f * D + nd] = Math.min(byField[fieldOfDelta[f]!] ?? 0, 0xffff);
    addText(nd, encoder.encode(texts(mini._documentIds.get(short)!)));
  }
  textStart[D] = textBytes;
  for (let f = 0; f < F; f++) for (let d = 0; d < D; d++) totalLength[f] = totalLength[f]! + lengths[f * D + d]!;
  const textBlob = new Uint8Array(textBytes);
  let at = 0;
  for (const part of textParts) {
    textBlob.set(part, at);
    at += part.length;
  }

  // Terms: the union, sorted; postings per term and field, base first (already in document order).
  const deltaTerms = new Map<string, Map<number, Map<number, number>>>();
  for (const [term, data] of mini._index) deltaTerms.set(term, data);
  const terms = [...new Set([...(base?.terms ?? []), ...deltaTerms.keys()])].sort();
  const postStart = new Uint32Array(terms.length * F + 1);
  const postDocs = new Grow(new Uint32Array(1 << 16), (n) => new Uint32Array(n));
  const postTf = new Grow(new Uint8Array(1 << 16), (n) => new Uint8Array(n));
  const surfaceOut: string[] = [];
  const keptTerms: string[] = [];
  let baseTerm = 0;
  let slot = 0;
  for (const term of terms) {
    while (base && baseTerm < base.terms.length && base.terms[baseTerm]! < term) baseTerm++;
    const inBase = base && base.terms[baseTerm] === term ? baseTerm : -1;
    const data = deltaTerms.get(term);
    const before = postDocs.length;
    const starts: number[] = [];
    for (let f = 0; f < F; f++) {
      starts.push(postDocs.length);
      if (inBase >= 0) {
        const s = base!.postStart[inBase * F + f]!;
        const e = base!.postStart[inBase * F + f + 1]!;
        for (let i = s; i < e; i++) {
          const nd = baseMap[base!.postDocs[i]!]!;
          if (nd < 0) continue;
          postDocs.push(nd);
          postTf.push(base!.postTf[i]!);
        }
      }
      const postings = data?.get(fieldOfDelta[f]!);
      if (postings) {
        const entries: [number, number][] = [];
        postings.forEach((tf, short) => {
          const nd = deltaMap.get(short);
          if (nd !== undefined) entries.push([nd, tf]);
        });
        entries.sort((a, b) => a[0] - b[0]);
        for (const [nd, tf] of entries) {
          postDocs.push(nd);
          postTf.push(Math.min(tf, 0xff));
        }
      }
    }
    if (postDocs.length === before) continue; // only retired documents had it
    for (let f = 0; f < F; f++) postStart[slot * F + f] = starts[f]!;
    slot++;
    keptTerms.push(term);
    surfaceOut.push(surface(term) ?? (inBase >= 0 ? base!.surface[inBase]! : ""));
  }
  postStart[slot * F] = postDocs.length;

  return {
    fields,
    terms: keptTerms,
    surface: surfaceOut,
    postStart: postStart.slice(0, slot * F + 1),
    postDocs: postDocs.done(),
    postTf: postTf.done(),
    ids: Int32Array.from(ids),
    lengths,
    docCount: D,
    alive: new Uint8Array(D).fill(1),
    aliveCount: D,
    totalLength,
    docOf: new Map(ids.map((id, doc) => [id, doc])),
    textBlob,
    textStart,
    fuzzyMap: null,
  };
}

// The file: "PSIX", a format version, a JSON header (field names, section
// sizes, and whatever the caller stores with it), then each section at an
// 8-byte boundary so typed arrays can view the file's bytes without copying.
const MAGIC = "PSIX";
const FORMAT = 1;

type Section = { name: string; bytes: Uint8Array };

/**
 * The file's bytes for a segment and the caller's metadata (JSON), as a list of
 * pieces to write one after another: mostly views of the segment's own arrays,
 * so saving a large index does not first copy it into one buffer.
 */
export function segmentParts(segment: Segment, meta: unknown): Uint8Array[] {
  const encoder = new TextEncoder();
  const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const sections: Section[] = [
    { name: "terms", bytes: encoder.encode(segment.terms.join("\n")) },
    { name: "surface", bytes: encoder.encode(segment.surface.join("\n")) },
    { name: "postStart", bytes: bytesOf(segment.postStart) },
    { name: "postDocs", bytes: bytesOf(segment.postDocs) },
    { name: "postTf", bytes: bytesOf(segment.postTf) },
    { name: "ids", bytes: bytesOf(segment.ids) },
    { name: "lengths", bytes: bytesOf(segment.lengths) },
    { name: "textStart", bytes: bytesOf(segment.textStart) },
    { name: "textBlob", bytes: segment.textBlob },
    { name: "meta", bytes: encoder.encode(JSON.stringify(meta)) },
  ];
  const header = encoder.encode(
    JSON.stringify({
      format: FORMAT,
      fields: segment.fields,
      docCount: segment.docCount,
      sections: sections.map((s) => ({ name: s.name, length: s.bytes.length })),
    }),
  );
  const padding = (n: number) => new Uint8Array(((n + 7) & ~7) - n);
  const start = Buffer.alloc(12);
  start.write(MAGIC, 0, "latin1");
  start.writeUInt32LE(FORMAT, 4);
  start.writeUInt32LE(header.length, 8);
  const parts: Uint8Array[] = [start, header, padding(12 + header.length)];
  for (const s of sections) parts.push(s.bytes, padding(s.bytes.length));
  return parts;
}

/** Encodes a segment and the caller's metadata into one buffer (segmentParts, joined). */
export const encodeSegment = (segment: Segment, meta: unknown): Buffer => Buffer.concat(segmentParts(segment, meta));

/** Decodes what encodeSegment wrote; throws a one-line error for anything else. */
export function decodeSegment(file: Uint8Array): { segment: Segment; meta: unknown } {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 12 || buf.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a Papershelf search index");
  if (buf.readUInt32LE(4) !== FORMAT) throw new Error(`search index format ${buf.readUInt32LE(4)} is not ${FORMAT}`);
  const headerLength = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString("utf8", 12, 12 + headerLength)) as {
    fields: string[];
    docCount: number;
    sections: { name: string; length: number }[];
  };
  const align = (n: number) => (n + 7) & ~7;
  // Typed arrays need aligned offsets; copy once if the buffer itself is not aligned.
  const base = buf.byteOffset % 8 === 0 ? buf : Buffer.from(buf);
  const parts = new Map<string, Uint8Array>();
  let at = align(12 + headerLength);
  for (const s of header.sections) {
    if (at + s.length > base.length) throw new Error("search index file is truncated");
    parts.set(s.name, new Uint8Array(base.buffer, base.byteOffset + at, s.length));
    at = align(at + s.length);
  }
  const part = (name: string) => {
    const p = parts.get(name);
    if (!p) throw new Error(`search index file lacks its ${name}`);
    return p;
  };
  const view = <T>(
    name: string,
    Type: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number },
  ) => {
    const p = part(name);
    return new Type(p.buffer, p.byteOffset, p.byteLength / Type.BYTES_PER_ELEMENT);
  };
  const text = (name: string) => Buffer.from(part(name)).toString("utf8");
  const terms = header.docCount === 0 && part("terms").length === 0 ? [] : text("terms").split("\n");
  const surface = text("surface").split("\n");
  const ids = view("ids", Int32Array);
  const D = header.docCount;
  const F = header.fields.length;
  const lengths = view("lengths", Uint16Array);
  const totalLength = new Float64Array(F);
  for (let f = 0; f < F; f++) for (let d = 0; d < D; d++) totalLength[f] = totalLength[f]! + lengths[f * D + d]!;
  const segment: Segment = {
    fields: header.fields,
    terms: terms.length === 1 && terms[0] === "" ? [] : terms,
    surface,
    postStart: view("postStart", Uint32Array),
    postDocs: view("postDocs", Uint32Array),
    postTf: part("postTf"),
    ids,
    lengths,
    docCount: D,
    alive: new Uint8Array(D).fill(1),
    aliveCount: D,
    totalLength,
    docOf: new Map(Array.from(ids, (id, doc) => [id, doc])),
    textBlob: part("textBlob"),
    textStart: view("textStart", Uint32Array),
    fuzzyMap: null,
  };
  if (segment.ids.length !== D || segment.postStart.length !== segment.terms.length * F + 1) {
    throw new Error("search index file is inconsistent");
  }
  return { segment, meta: JSON.parse(text("meta")) };
}
