// What a form's server action said: an error (announced at once) or a
// confirmation (announced politely). Nothing when it said nothing.
import clsx from "clsx";
import type { FormState } from "@/lib/actions/shelf";

export function FormResult({ state, size = "xs" }: { state: FormState; size?: "xs" | "sm" }) {
  const text = size === "xs" ? "text-xs" : "text-sm";
  if (state.error)
    return (
      <p role="alert" className={clsx(text, "text-red-700 dark:text-red-400")}>
        {state.error}
      </p>
    );
  if (state.message)
    return (
      <p role="status" className={clsx(text, "text-emerald-700 dark:text-emerald-400")}>
        {state.message}
      </p>
    );
  return null;
}

/** The text field look the shelf's forms share. */
export const inputClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";
