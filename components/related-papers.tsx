// Five papers most similar in text to this one (tf-idf terms, BM25 over the
// search index), each with the distinctive words it shares with this one.
import Link from "next/link";
import { RichText } from "@/components/rich-text";
import { getRelatedPapers, type PaperView } from "@/lib/catalog";
import { formatDay } from "@/lib/feed/dates";

export async function RelatedPapers({ paper }: { paper: PaperView }) {
  const related = await getRelatedPapers(paper, 5);
  if (related.length === 0) return null;
  return (
    <section aria-labelledby="related-title" className="mt-8">
      <h2 id="related-title" className="text-lg font-semibold">
        Related papers
      </h2>
      <ul className="mt-2 divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {related.map((r) => (
          <li key={r.slug} className="px-4 py-3">
            <Link
              href={`/papers/${r.slug}`}
              className="font-medium hover:text-indigo-700 hover:underline dark:hover:text-indigo-300"
            >
              <RichText text={r.title} links={false} />
            </Link>
            <span className="ml-2 whitespace-nowrap text-xs text-zinc-600 dark:text-zinc-400">
              {formatDay(r.lastFeedDate)}
            </span>
            {r.shared.length > 0 && (
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                Shares: <span className="text-zinc-800 dark:text-zinc-200">{r.shared.join(", ")}</span>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
