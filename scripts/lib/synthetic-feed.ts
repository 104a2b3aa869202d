// Deterministic synthetic trending pages for benchmarks: titles and abstracts
// recombined from the bundled sample's own sentences and words, each title made
// unique by a generated model name. Same seed, same feed.
import fs from "node:fs";
import { cleanDocument } from "@/lib/text/clean";
import { SAMPLE_FEED } from "@/lib/ingest-file";
import { parseTextPage } from "@/lib/feed/text-page";

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SyntheticFeed = { text: string; titles: string[]; names: string[] };

/** A trending page of `count` papers, about 1.5 KB each like the sample. */
export function syntheticFeed(count: number, seed = 42): SyntheticFeed {
  const sample = parseTextPage(cleanDocument(fs.readFileSync(SAMPLE_FEED, "utf8")), { today: "2026-11-29" }).entries;
  const sentences = sample.flatMap((e) => (e.abstract ?? "").split(/(?<=\.)\s+(?=[A-Z])/)).filter((s) => s.length > 40);
  const titleWords = sample.flatMap((e) => (e.title ?? "").split(/\s+/)).filter((w) => /^[A-Za-z-]{3,}$/.test(w));
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const parts: string[] = ["Trending Papers", "Subscribe", "Mar 11"];
  const titles: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${pick([...letters])}${pick([...letters])}${pick([...letters])}${i.toString(36).toUpperCase()}`;
    const title = `${name}: ${Array.from({ length: 5 + Math.floor(rnd() * 7) }, () => pick(titleWords)).join(" ")}`;
    let abstract = `We introduce ${name}.`;
    while (abstract.length < 1400) abstract += ` ${pick(sentences)}`;
    names.push(name);
    titles.push(title);
    parts.push(title, abstract);
  }
  return { text: parts.join("\n\n") + "\n", titles, names };
}
