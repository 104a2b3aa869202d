"use client";
// Shown when rendering a page failed unexpectedly (the catalog is unreadable, say).
// Client component because Next requires error boundaries to be.
import { PageShell } from "@/components/page-shell";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageShell>
      <div className="mx-auto max-w-xl py-12 text-center">
        <h1 className="text-2xl font-bold tracking-tight">Something went wrong</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          Papershelf could not load this page. If it keeps happening, check the server&apos;s log.
        </p>
        <button
          type="button"
          onClick={reset}
          className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Try again
        </button>
      </div>
    </PageShell>
  );
}
