// The header on every page: the name (a link home) and the search box.
import { Suspense } from "react";
import Link from "next/link";
import { SearchForm, SearchFormFields } from "@/components/search-form";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white/90 dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-5xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
            P
          </span>
          Papershelf
        </Link>
        <Suspense fallback={<SearchFormFields />}>
          <SearchForm />
        </Suspense>
      </div>
    </header>
  );
}
