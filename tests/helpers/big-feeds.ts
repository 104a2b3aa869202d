// Large feeds for resilience tests, generated at test time (never committed): the
// synthetic trending page of scripts/lib/synthetic-feed.ts, and the same papers as
// a Hugging Face daily-papers list.
import { syntheticFeed } from "@/scripts/lib/synthetic-feed";

/** The synthetic page's papers as [title, abstract] pairs. */
export function syntheticPapers(count: number, seed?: number): [string, string][] {
  const blocks = syntheticFeed(count, seed).text.trimEnd().split("\n\n").slice(3); // after the header and date line
  return Array.from({ length: count }, (_, i) => [blocks[2 * i]!, blocks[2 * i + 1]!]);
}

/** A Hugging Face daily-papers list of `count` synthetic papers, all trending on `day`, as one line of JSON. */
export function hfDailyJson(count: number, day: string, seed?: number): string {
  return JSON.stringify(
    syntheticPapers(count, seed).map(([title, summary], i) => ({
      paper: {
        id: `2511.${String(10_000 + i).padStart(5, "0")}`,
        title,
        summary,
        authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }],
        publishedAt: `${day}T09:00:00.000Z`,
        upvotes: i % 50,
      },
      publishedAt: `${day}T12:00:00.000Z`,
    })),
  );
}
