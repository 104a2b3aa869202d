"use client";
// The bookmark toggle on cards and paper pages: a button named "Bookmark" whose
// aria-pressed carries the state. It flips at once (optimistic) while the server
// action saves it, and without JavaScript it is a plain form POST that returns
// to the same page. Too many toggles in a row are refused with a message beside it.
import { useActionState, useOptimistic, useTransition } from "react";
import clsx from "clsx";
import { RateLimitBoundary } from "@/components/rate-limit-boundary";
import { toggleBookmark, type BookmarkState } from "@/lib/actions/shelf";

type Props = { paperId: number; bookmarked: boolean; title: string };

export function BookmarkButton(props: Props) {
  return (
    <RateLimitBoundary as="span">
      <BookmarkForm {...props} />
    </RateLimitBoundary>
  );
}

function BookmarkForm({ paperId, bookmarked, title }: Props) {
  const [state, action] = useActionState<BookmarkState, FormData>(toggleBookmark, { bookmarked });
  // The page re-renders with fresh props after every toggle, so the prop is the truth
  // (and the button keeps its identity and focus); the action's state only carries errors.
  const [optimistic, setOptimistic] = useOptimistic(bookmarked);
  const [, startTransition] = useTransition();
  const on = optimistic;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        // Flip immediately; the action's result (or a reload) settles the truth.
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        startTransition(() => {
          setOptimistic(!on);
          action(form);
        });
      }}
      className="inline"
    >
      <input type="hidden" name="paperId" value={paperId} />
      <input type="hidden" name="bookmarked" value={String(!on)} />
      <button
        type="submit"
        aria-pressed={on}
        title={on ? `Remove “${title}” from your shelf` : `Save “${title}” to your shelf`}
        className={clsx(
          "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium",
          on
            ? "border-amber-400 bg-amber-100 text-amber-900 dark:border-amber-600 dark:bg-amber-900/40 dark:text-amber-200"
            : "border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
        )}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="size-3.5"
          fill={on ? "currentColor" : "none"}
          stroke="currentColor"
          strokeWidth="1.6"
        >
          <path d="M5 3h10a1 1 0 0 1 1 1v13l-6-3.5L4 17V4a1 1 0 0 1 1-1z" strokeLinejoin="round" />
        </svg>
        Bookmark
      </button>
      {state.error && (
        <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-400">
          {state.error}
        </span>
      )}
    </form>
  );
}
