// The search box in the header of every page: a plain GET form to /?q=, so it
// works without JavaScript; next/form adds client-side navigation on top.
import Form from "next/form";

export function SearchForm({ q = "" }: { q?: string }) {
  return (
    <Form action="/" role="search" className="flex w-full max-w-xl items-center gap-2">
      <label htmlFor="site-search" className="sr-only">
        Search
      </label>
      <input
        // A new query in the URL (back button, a link) resets what the box shows.
        key={q}
        id="site-search"
        name="q"
        type="search"
        defaultValue={q}
        placeholder="Search papers, e.g. MATES"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={200}
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
      />
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400"
      >
        Search
      </button>
    </Form>
  );
}
