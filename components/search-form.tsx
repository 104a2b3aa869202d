"use client";
// The search box in the header of every page. A plain GET form to /?q= that works
// without JavaScript; with it, next/form navigates client-side and the box
// suggests completions, topics and papers as you type (an ARIA combobox: arrow
// keys move through the suggestions, Enter opens one, Escape closes the list).
// Enter with no suggestion chosen submits the form as typed.
import { useEffect, useId, useRef, useState } from "react";
import Form from "next/form";
import { useRouter } from "next/navigation";
import clsx from "clsx";

type Suggestion = { kind: "query" | "topic" | "paper"; label: string; href: string };

const KIND_LABEL: Record<Suggestion["kind"], string> = { query: "Search", topic: "Topic", paper: "Paper" };
/** Wait this long after the last keystroke before asking for suggestions. */
const DEBOUNCE_MS = 120;

export function SearchForm({ q = "" }: { q?: string }) {
  const router = useRouter();
  const listId = useId();
  const [value, setValue] = useState(q);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  // Text typed before the page became interactive is kept, not reset to the URL's query.
  useEffect(() => {
    const early = input.current?.value;
    if (early !== undefined && early !== q) {
      typed.current = true;
      setValue(early);
    }
    // Only once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A new query in the URL (back button, a link) resets what the box shows. Not at
  // hydration, though: running there would wipe out text typed before it (above).
  const shownQ = useRef(q);
  useEffect(() => {
    if (shownQ.current === q) return;
    shownQ.current = q;
    setValue(q);
    setOpen(false);
  }, [q]);

  useEffect(() => {
    if (!typed.current || value.trim().length < 2) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/suggest?q=${encodeURIComponent(value)}`, { signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { suggestions: Suggestion[] };
        setSuggestions(body.suggestions);
        setActive(-1);
        setOpen(body.suggestions.length > 0);
      } catch {
        // Aborted by newer typing, or offline: the plain search still works.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  const choose = (s: Suggestion) => {
    setOpen(false);
    // A completion becomes the query; a topic or paper is a destination, not a search.
    setValue(s.kind === "query" ? s.label : "");
    typed.current = false;
    router.push(s.href);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!suggestions.length) return;
      event.preventDefault();
      setOpen(true);
      // -1 is the box itself: moving past either end comes back to what was typed.
      const n = suggestions.length;
      const down = event.key === "ArrowDown";
      setActive((i) => (down ? (i + 1 >= n ? -1 : i + 1) : i - 1 < -1 ? n - 1 : i - 1));
    } else if (event.key === "Enter" && open && active >= 0 && suggestions[active]) {
      event.preventDefault();
      choose(suggestions[active]!);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <Form action="/" role="search" className="relative flex w-full max-w-xl items-center gap-2">
      <label htmlFor="site-search" className="sr-only">
        Search
      </label>
      <input
        id="site-search"
        ref={input}
        name="q"
        type="search"
        value={value}
        onChange={(e) => {
          typed.current = true;
          setValue(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => suggestions.length && setOpen(true)}
        placeholder="Search papers, e.g. MATES"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={200}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
      />
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400"
      >
        Search
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!open}
        className="absolute left-0 right-0 top-full z-20 mt-1 max-h-96 overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {suggestions.map((s, i) => (
          <li
            key={`${s.kind}-${s.href}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // Keep focus in the box: choosing happens on mouse down, before blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(s);
            }}
            onMouseEnter={() => setActive(i)}
            className={clsx(
              "flex cursor-pointer items-baseline gap-2 px-3 py-1.5",
              i === active ? "bg-indigo-600 text-white" : "text-zinc-800 dark:text-zinc-200",
            )}
          >
            <span className={clsx("w-12 shrink-0 text-xs", i === active ? "text-indigo-100" : "text-zinc-500")}>
              {KIND_LABEL[s.kind]}
            </span>
            <span className="line-clamp-2">{s.label}</span>
          </li>
        ))}
      </ul>
    </Form>
  );
}
