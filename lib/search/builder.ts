// Indexes a whole catalog straight into a segment (lib/search/segment.ts), for
// the first start on a catalog without a saved index. The same segment comes
// out of adding the papers to a MiniSearch delta and folding it (putPaper, then
// compact), which is how papers arriving later are indexed; tests hold the two
// ways to byte-for-byte equality. Going direct skips MiniSearch's radix tree of
// postings (a third of the build) and the repeated folds that keep memory low
// when building through a delta (another quarter at 100,000 papers, growing
// with the square of the catalog). Pure.
import { FIELD_BOOSTS, phraseText, toSearchDoc, type IndexablePaper, type SearchDoc } from "@/lib/search/index";
import { Grow, type Segment } from "@/lib/search/segment";
import { indexTerms, tokenize } from "@/lib/search/terms";

const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];
const F = FIELDS.length;

/**
 * Notes, in `surface`, a word to show for each index term of a paper's title,
 * acronyms and topics that has none yet: acronyms as written, other words in
 * lower case (index terms are stems, not for showing).
 */
export function noteSurfaces(surface: Map<string, string>, doc: SearchDoc) {
  for (const w of tokenize(`${doc.title} ${doc.acronyms} ${doc.topics}`)) {
    for (const t of indexTerms(w)) if (!surface.has(t)) surface.set(t, /\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase());
  }
}

/** Bytes of phrase text per chunk. */
const TEXT_CHUNK = 8 << 20;
const CHUNK_BITS = 20;

/**
 * An append-only typed array kept in fixed-size chunks. A catalog's postings
 * and phrase texts run to hundreds of megabytes at 100,000 papers; one array
 * that doubles as it grows holds up to twice that, plus the copy while it
 * grows, which pushed a first start's memory past a gigabyte.
 */
class Chunked<T extends Uint32Array | Uint8Array> {
  private readonly chunks: T[] = [];
  length = 0;
  constructor(private readonly make: (n: number) => T) {}

  push(v: number) {
    const offset = this.length & ((1 << CHUNK_BITS) - 1);
    if (offset === 0) this.chunks.push(this.make(1 << CHUNK_BITS));
    this.chunks[this.chunks.length - 1]![offset] = v;
    this.length++;
  }

  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & ((1 << CHUNK_BITS) - 1)]!;
  }

  forEach(visit: (v: number, i: number) => void) {
    for (let i = 0; i < this.length; i++) visit(this.at(i), i);
  }
}

export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  /** One entry per posting, in the order added (so by document): term id × F + field, document, term frequency. */
  private readonly postKey = new Chunked((n) => new Uint32Array(n));
  private readonly postDoc = new Chunked((n) => new Uint32Array(n));
  private readonly postTf = new Chunked((n) => new Uint8Array(n));
  private readonly lengths = FIELDS.map(() => new Grow(new Uint32Array(1 << 12), (n) => new Uint32Array(n)));
  private readonly ids: number[] = [];
  private readonly seen = new Set<number>();
  private readonly surface = new Map<string, string>();
  /** Phrase texts, encoded into fixed-size chunks (see Chunked for why not one growing buffer). */
  private readonly textChunks: { bytes: Uint8Array; used: number }[] = [];
  private readonly textStart = new Grow(new Uint32Array(1 << 12), (n) => new Uint32Array(n));
  private textBytes = 0;
  private readonly encoder = new TextEncoder();

  /** Adds a paper as the next document. */
  add(paper: IndexablePaper) {
    if (this.seen.has(paper.id)) throw new Error(`SegmentBuilder: paper ${paper.id} added twice`);
    this.seen.add(paper.id);
    const doc = toSearchDoc(paper);
    const d = this.ids.length;
    this.ids.push(paper.id);
    FIELDS.forEach((field, f) => {
      // As MiniSearch.add: the field's length is its number of distinct tokens, and a
      // term's frequency counts every token that yields it.
      const tokens = tokenize(doc[field]);
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      this.lengths[f]!.push(counts.size);
      const tf = new Map<string, number>();
      for (const [token, n] of counts) for (const term of indexTerms(token)) tf.set(term, (tf.get(term) ?? 0) + n);
      for (const [term, n] of tf) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termList.length;
          this.termIds.set(term, id);
          this.termList.push(term);
        }
        this.postKey.push(id * F + f);
        this.postDoc.push(d);
        this.postTf.push(Math.min(n, 0xff));
      }
    });
    noteSurfaces(this.surface, doc);
    this.addText(phraseText(paper));
  }

  get size(): number {
    return this.ids.length;
  }

  private addText(text: string) {
    const worst = text.length * 3;
    let chunk = this.textChunks.at(-1);
    if (!chunk || chunk.used + worst > chunk.bytes.length) {
      chunk = { bytes: new Uint8Array(Math.max(TEXT_CHUNK, worst)), used: 0 };
      this.textChunks.push(chunk);
    }
    this.textStart.push(this.textBytes);
    const written = this.encoder.encodeInto(text, chunk.bytes.subarray(chunk.used)).written;
    chunk.used += written;
    this.textBytes += written;
  }

  private textBlob(): Uint8Array {
    const blob = new Uint8Array(this.textBytes);
    let at = 0;
    for (const { bytes, used } of this.textChunks) {
      blob.set(bytes.subarray(0, used), at);
      at += used;
    }
    return blob;
  }

  /** The segment of every paper added, in the order added. */
  build(): Segment {
    const D = this.ids.length;
    const terms = [...this.termList].sort();
    const rank = new Uint32Array(this.termList.length);
    const byTerm = new Map(terms.map((t, i) => [t, i]));
    this.termList.forEach((t, id) => (rank[id] = byTerm.get(t)!));

    // Counting sort of the postings by (term rank, field), stable, so each run stays in document order.
    const slotOf = (key: number) => rank[Math.floor(key / F)]! * F + (key % F);
    const postStart = new Uint32Array(terms.length * F + 1);
    this.postKey.forEach((key) => postStart[slotOf(key) + 1]!++);
    for (let s = 1; s < postStart.length; s++) postStart[s]! += postStart[s - 1]!;
    const fill = postStart.slice(0, -1);
    const postDocs = new Uint32Array(this.postKey.length);
    const postTf = new Uint8Array(this.postKey.length);
    this.postKey.forEach((key, i) => {
      const at = fill[slotOf(key)]!++;
      postDocs[at] = this.postDoc.at(i);
      postTf[at] = this.postTf.at(i);
    });

    const lengths = new Uint16Array(F * D);
    const totalLength = new Float64Array(F);
    this.lengths.forEach((grow, f) => {
      const perDoc = grow.done();
      for (let d = 0; d < D; d++) {
        const n = Math.min(perDoc[d]!, 0xffff);
        lengths[f * D + d] = n;
        totalLength[f] = totalLength[f]! + n;
      }
    });
    const textStart = new Uint32Array(D + 1);
    textStart.set(this.textStart.done());
    textStart[D] = this.textBytes;

    return {
      fields: [...FIELDS],
      terms,
      surface: terms.map((t) => this.surface.get(t) ?? ""),
      postStart,
      postDocs,
      postTf,
      ids: Int32Array.from(this.ids),
      lengths,
      docCount: D,
      alive: new Uint8Array(D).fill(1),
      aliveCount: D,
      totalLength,
      docOf: new Map(this.ids.map((id, doc) => [id, doc])),
      textBlob: this.textBlob(),
      textStart,
      fuzzyMap: null,
    };
  }
}
