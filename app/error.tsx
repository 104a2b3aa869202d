"use client";
// Shown when rendering a page failed unexpectedly (the catalog is unreadable, say).
// Client component because Next requires error boundaries to be; it cannot use the
// page shell (a server component), so it carries its own way home.
import Link from "next/link";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <p>
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Papershelf
        </Link>
      </p>
      <h1 className="mt-6 text-2xl font-bold tracking-tight">Something went wrong</h1>
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
    </main>
  );
}
