// The facts the sources give about a paper (arXiv and Hugging Face), as one
// description list: dates, arXiv id and categories, upvotes, code and stars,
// project page, PDF, DOI, the authors' comment, keywords. A fact no source gave
// is left out, and with none there is no list at all. Feed values are text;
// links are http(s) only (safeHttpUrl) with rel="noopener noreferrer".
import Link from "next/link";
import { RichText } from "@/components/rich-text";
import type { PaperView } from "@/lib/catalog";
import { formatDay } from "@/lib/feed/dates";
import { listingHref } from "@/lib/listing-params";
import { linkLabel } from "@/lib/text/links";
import { safeHttpUrl } from "@/lib/text/rich-text";

const DOI = /^10\.\d{4,9}\/\S+$/;
const NEW_ARXIV_ID = /^\d{4}\.\d{4,5}$/;
const LINK =
  "[overflow-wrap:anywhere] text-indigo-700 underline underline-offset-2 hover:decoration-2 dark:text-indigo-300";

function External({ href, children }: { href: string; children?: React.ReactNode }) {
  const url = safeHttpUrl(href);
  if (!url) return <>{children ?? href}</>;
  return (
    <a href={url} rel="noopener noreferrer" className={LINK}>
      {children ?? linkLabel(url)}
    </a>
  );
}

const day = (d: string) => <time dateTime={d}>{formatDay(d)}</time>;
const plural = (n: number, one: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : `${one}s`}`;

function factsOf(p: PaperView): [string, React.ReactNode][] {
  const repo = p.githubRepo && safeHttpUrl(p.githubRepo);
  const facts: [string, React.ReactNode | false | null][] = [
    ["Published", p.publishedOn && day(p.publishedOn)],
    ["Updated", p.updatedOn && p.updatedOn !== p.publishedOn && day(p.updatedOn)],
    ["arXiv", p.arxivId && <External href={`https://arxiv.org/abs/${p.arxivId}`}>arXiv:{p.arxivId}</External>],
    [
      "arXiv categories",
      p.categories.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {p.categories.map((c, i) => (
            <li
              key={c}
              className="rounded border border-zinc-300 px-1.5 font-mono text-xs leading-5 dark:border-zinc-700"
            >
              {c}
              {i === 0 && <span className="ml-1 font-sans text-indigo-700 dark:text-indigo-300">(primary)</span>}
            </li>
          ))}
        </ul>
      ),
    ],
    [
      "Upvotes",
      p.upvotes !== null && (
        <>
          {p.upvotes.toLocaleString("en-US")} on{" "}
          {p.arxivId && NEW_ARXIV_ID.test(p.arxivId) ? (
            <External href={`https://huggingface.co/papers/${p.arxivId}`}>Hugging Face</External>
          ) : (
            "Hugging Face"
          )}
        </>
      ),
    ],
    [
      "Code",
      (repo || p.githubStars !== null) && (
        <>
          {repo && <External href={repo} />}
          {repo && p.githubStars !== null && " · "}
          {p.githubStars !== null && plural(p.githubStars, repo ? "star" : "GitHub star")}
        </>
      ),
    ],
    ["Project page", p.projectPage && safeHttpUrl(p.projectPage) && <External href={p.projectPage} />],
    ["PDF", p.pdfUrl && safeHttpUrl(p.pdfUrl) && <External href={p.pdfUrl} />],
    [
      "DOI",
      p.doi &&
        (DOI.test(p.doi) ? (
          <External href={`https://doi.org/${p.doi.split("/").map(encodeURIComponent).join("/")}`}>{p.doi}</External>
        ) : (
          p.doi
        )),
    ],
    ["Comment", p.comment && <RichText text={p.comment} />],
    [
      "Keywords",
      p.keywords.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Keywords from Hugging Face">
          {p.keywords.map((k) => (
            <li key={k}>
              <Link
                href={listingHref({ q: `"${k}"`, sort: "relevance", page: 1, topics: [] })}
                className="inline-block rounded border border-zinc-200 bg-white px-1.5 text-xs leading-5 hover:border-indigo-400 dark:border-zinc-700 dark:bg-zinc-950 dark:hover:border-indigo-500"
              >
                {k}
              </Link>
            </li>
          ))}
        </ul>
      ),
    ],
  ];
  return facts.filter((f): f is [string, React.ReactNode] => Boolean(f[1]));
}

export function PaperFacts({ paper }: { paper: PaperView }) {
  const facts = factsOf(paper);
  if (facts.length === 0) return null;
  return (
    <section aria-labelledby="facts-title" className="mt-4">
      <h2 id="facts-title" className="sr-only">
        Paper details
      </h2>
      <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-4 gap-y-2 rounded-lg border border-zinc-200 bg-white px-4 py-3 text-sm sm:grid-cols-[max-content_minmax(0,1fr)] dark:border-zinc-800 dark:bg-zinc-900">
        {facts.map(([label, value]) => (
          <div key={label} className="col-span-2 grid grid-cols-subgrid">
            <dt className="font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
