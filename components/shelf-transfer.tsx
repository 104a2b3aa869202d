"use client";
// Moving a shelf: import a JSON export, and link another device with a one-time
// code (show one here, or enter one from the other device). Each form sits in a
// RateLimitBoundary: link codes are limited more tightly than other writes.
import { useActionState } from "react";
import { enterLinkCode, importShelfFile, makeLinkCode, type FormState, type LinkCodeState } from "@/lib/actions/shelf";
import { FormResult, inputClass } from "@/components/form-result";
import { RateLimitBoundary } from "@/components/rate-limit-boundary";

const button =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60 dark:bg-indigo-500";

export function ImportShelf() {
  return (
    <RateLimitBoundary size="sm">
      <ImportForm />
    </RateLimitBoundary>
  );
}

function ImportForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(importShelfFile, {});
  return (
    <form action={action} className="space-y-2">
      <h3 className="text-sm font-semibold">Import</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Add the bookmarks from a Papershelf JSON export; papers already here are merged, never duplicated.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="import-file" className="sr-only">
          Shelf export file
        </label>
        <input id="import-file" name="file" type="file" accept="application/json,.json" required className="text-sm" />
        <button type="submit" disabled={pending} className={button}>
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      <FormResult size="sm" state={state} />
    </form>
  );
}

export function LinkDevice() {
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold">Link another device</h3>
      <RateLimitBoundary size="sm">
        <ShowCodeForm />
      </RateLimitBoundary>
      <RateLimitBoundary size="sm">
        <EnterCodeForm />
      </RateLimitBoundary>
    </div>
  );
}

function ShowCodeForm() {
  const [code, makeCode, making] = useActionState<LinkCodeState, FormData>(makeLinkCode, {});
  return (
    <form action={makeCode} className="space-y-1">
      <button type="submit" disabled={making} className={button}>
        Show a code for another device
      </button>
      {code.code && (
        <p role="status" className="text-sm">
          Enter{" "}
          <strong className="font-mono text-base tracking-widest" data-testid="link-code">
            {code.code}
          </strong>{" "}
          on the other device within ten minutes (until{" "}
          {new Date(code.expiresAt!).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit" })}). It works
          once.
        </p>
      )}
    </form>
  );
}

function EnterCodeForm() {
  const [entered, enter, entering] = useActionState<FormState, FormData>(enterLinkCode, {});
  return (
    <form action={enter} className="space-y-1">
      <label htmlFor="link-code" className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        Have a code from another device? Enter it to share its shelf here.
      </label>
      <div className="flex gap-2">
        <input
          id="link-code"
          name="code"
          placeholder="ABCD-EFGH"
          autoComplete="off"
          required
          maxLength={20}
          className={`${inputClass} w-32 font-mono uppercase`}
        />
        <button type="submit" disabled={entering} className={button}>
          Use code
        </button>
      </div>
      <FormResult size="sm" state={entered} />
    </form>
  );
}
