// Each paper's topics as one 32-bit mask in an array indexed by paper id, for
// the two things search does with topics on every result: filtering by topic
// and counting topics for the facets. At 100,000 papers a common word matches
// tens of thousands of them; reading a number per paper instead of looking up
// a Map entry and a list of slugs made those steps about ten times faster.
// Slugs outside the taxonomy (waiting for a re-tag) get no bit: facets never
// show them and topic filters only accept taxonomy slugs.
import { TOPICS } from "@/lib/topics/taxonomy";

/** Bit number of each taxonomy topic. */
const BIT = new Map(TOPICS.map((t, i) => [t.slug, i]));
if (TOPICS.length > 32) throw new Error(`topic-bits: the taxonomy has ${TOPICS.length} topics; masks hold 32`);

export class TopicBits {
  private masks = new Uint32Array(1024);

  /** Whether `slug` is a taxonomy topic (only those have a bit). */
  static knows(slug: string): boolean {
    return BIT.has(slug);
  }

  /** The mask of a set of topics (slugs outside the taxonomy ignored). */
  static maskOf(slugs: readonly string[]): number {
    let mask = 0;
    for (const slug of slugs) {
      const bit = BIT.get(slug);
      if (bit !== undefined) mask |= 1 << bit;
    }
    return mask >>> 0;
  }

  set(id: number, slugs: readonly string[]) {
    if (id >= this.masks.length) {
      const grown = new Uint32Array(Math.max(id + 1, this.masks.length * 2));
      grown.set(this.masks);
      this.masks = grown;
    }
    this.masks[id] = TopicBits.maskOf(slugs);
  }

  clear(id: number) {
    if (id < this.masks.length) this.masks[id] = 0;
  }

  /** Whether paper `id` has every topic in `mask`. */
  hasAll(id: number, mask: number): boolean {
    return id < this.masks.length && (this.masks[id]! & mask) >>> 0 === mask;
  }

  /** How many of the papers are in each topic (topics with none left out). */
  count(ids: readonly number[]): Map<string, number> {
    const perBit = new Uint32Array(32);
    const masks = this.masks;
    for (const id of ids) {
      let m = id < masks.length ? masks[id]! : 0;
      while (m !== 0) {
        const bit = 31 - Math.clz32(m);
        perBit[bit]!++;
        m = (m ^ (1 << bit)) >>> 0;
      }
    }
    const counts = new Map<string, number>();
    for (const [slug, bit] of BIT) if (perBit[bit]! > 0) counts.set(slug, perBit[bit]!);
    return counts;
  }
}
