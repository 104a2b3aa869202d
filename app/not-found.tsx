// The not-found page for any unknown URL, including unknown paper slugs.
import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/page-shell";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <PageShell>
      <div className="mx-auto max-w-xl py-12 text-center">
        <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">We could not find that page</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          The paper may have a different address, or the link may be mistyped. Try searching for its title above.
        </p>
        <p className="mt-6">
          <Link
            href="/"
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Browse trending papers
          </Link>
        </p>
      </div>
    </PageShell>
  );
}
