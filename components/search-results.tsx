// Search results for ?q=: how many matched, the ranked (or re-sorted) page of
// papers with matched words highlighted, page links, and an empty state that
// says what to try when nothing matched.
import Link from "next/link";
import { ListingSection } from "@/components/listing-section";
import { searchPapers } from "@/lib/catalog";
import { listingHref, PAGE_SIZE, type ListingParams } from "@/lib/listing-params";

export async function SearchResults({ params }: { params: ListingParams }) {
  const { q, sort, page } = params;
  const result = await searchPapers({ q, sort, page, limit: PAGE_SIZE, clampPage: true });
  const papers = `${result.total.toLocaleString("en-US")} ${result.total === 1 ? "paper matches" : "papers match"}`;
  return (
    <ListingSection
      title="Search results"
      count={`${result.matchedAll ? papers : `${papers} some of the words in`} “${q}”`}
      params={params}
      result={result}
      notice={
        !result.matchedAll && (
          <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            No paper contains every word of your search; these contain some of them.
          </p>
        )
      }
      empty={<NoMatches q={q} suggestions={result.suggestions} />}
    />
  );
}

function NoMatches({ q, suggestions }: { q: string; suggestions: string[] }) {
  return (
    <div className="mt-6 rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-700">
      <h2 className="font-semibold">No papers match “{q}”</h2>
      {suggestions.length > 0 && (
        <p className="mt-3 text-sm">
          Did you mean{" "}
          {suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <Link
                href={listingHref({ q: s, sort: "relevance", page: 1 })}
                className="font-medium text-indigo-700 underline dark:text-indigo-300"
              >
                {s}
              </Link>
            </span>
          ))}
          ?
        </p>
      )}
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
        <li>Check the spelling, or try fewer or more general words.</li>
        <li>Search for a model or method name from a title, such as an acronym.</li>
        <li>Words must appear in a title or abstract; very common words are ignored.</li>
      </ul>
      <p className="mt-4 text-sm">
        <Link href="/" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Browse all trending papers
        </Link>
      </p>
    </div>
  );
}
