// What to try when a search found nothing: corrected queries, tips, a way back.
import Link from "next/link";
import { listingHref, type ListingParams } from "@/lib/listing-params";
import { PERIOD_NOUN, periodLabel } from "@/lib/periods";

export function NoMatches({ params, suggestions }: { params: ListingParams; suggestions: string[] }) {
  const described = [params.q && `“${params.q}”`].filter(Boolean).join(" ");
  return (
    <div className="mt-6 rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-700">
      <h2 className="font-semibold">No papers match {described || "these filters"}</h2>
      {suggestions.length > 0 && (
        <p className="mt-3 text-sm">
          Did you mean{" "}
          {suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <Link
                href={listingHref({ ...params, q: s, sort: "relevance", page: 1 })}
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
        <li>Search for a model or method name, such as an acronym from a title.</li>
        {params.topics.length > 0 && <li>Remove a topic filter: results must be in every selected topic.</li>}
        {params.period && (
          <li>
            Nothing trended{params.q || params.topics.length ? " with these filters" : ""} in{" "}
            {periodLabel(params.period)}:{" "}
            <Link
              href={listingHref({ ...params, period: null, page: 1 })}
              className="font-medium text-indigo-700 underline dark:text-indigo-300"
            >
              search all time
            </Link>{" "}
            or pick another {PERIOD_NOUN[params.period.kind]}.
          </li>
        )}
        <li>
          Use <code className="font-mono">&quot;exact phrase&quot;</code> for words in order,{" "}
          <code className="font-mono">-word</code> to leave papers out, <code className="font-mono">topic:code</code> to
          narrow to an area.
        </li>
      </ul>
      <p className="mt-4 text-sm">
        <Link href="/" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Browse all trending papers
        </Link>
        {" · "}
        <Link href="/topics" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Browse by topic
        </Link>
      </p>
    </div>
  );
}
