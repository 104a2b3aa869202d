// "/topics": every research area with its description, paper count and top papers.
import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/page-shell";
import { RichText } from "@/components/rich-text";
import { listTopics } from "@/lib/catalog";
import { listingHref } from "@/lib/listing-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Topics" };

export default async function TopicsPage() {
  const topics = await listTopics();
  return (
    <PageShell>
      <h1 className="text-2xl font-bold tracking-tight">Topics</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Every paper gets one to four research areas from its title and abstract. Pick one to see its papers, or search
        within it with <code className="font-mono">topic:&lt;name&gt;</code>.
      </p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {topics.map((t) => (
          <li
            key={t.slug}
            className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2 className="flex items-baseline justify-between gap-2 font-semibold">
              <Link
                href={listingHref({ q: "", sort: "trending", page: 1, topics: [t.slug] })}
                className="hover:text-indigo-700 hover:underline dark:hover:text-indigo-300"
              >
                {t.name}
              </Link>
              <span className="shrink-0 text-sm font-normal text-zinc-600 dark:text-zinc-400">
                {t.count} {t.count === 1 ? "paper" : "papers"}
              </span>
            </h2>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{t.description}</p>
            {t.top.length > 0 && (
              <ol className="mt-3 space-y-1 text-sm" aria-label={`Top papers in ${t.name}`}>
                {t.top.map((p) => (
                  <li key={p.slug} className="truncate">
                    <Link href={`/papers/${p.slug}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                      <RichText text={p.title} links={false} />
                    </Link>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </PageShell>
  );
}
