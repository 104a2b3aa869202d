"use client";
// The digest subscription form: an email address, optional topics and an
// optional saved search (prefilled from the listing the visitor came from). A
// plain form posting to a server action, so it also works without JavaScript.
// The fields are controlled: React resets a form's uncontrolled fields after
// every action, which would wipe a mistyped address along with its error. Their
// values live outside the RateLimitBoundary, so a refusal for too many requests
// (the form is limited tightly) keeps them too.
import { useActionState, useState } from "react";
import { subscribeToDigest } from "@/lib/actions/subscribe";
import type { FormState } from "@/lib/actions/shelf";
import { FormResult, inputClass } from "@/components/form-result";
import { RateLimitBoundary } from "@/components/rate-limit-boundary";

type Props = { topics: { slug: string; name: string }[]; selected: string[]; query: string };

export function SubscribeForm({ topics, selected, query }: Props) {
  const [email, setEmail] = useState("");
  const [ticked, setTicked] = useState(() => new Set(selected));
  const [search, setSearch] = useState(query);
  return (
    <RateLimitBoundary size="sm">
      <Fields {...{ topics, email, setEmail, ticked, setTicked, search, setSearch }} />
    </RateLimitBoundary>
  );
}

type FieldsProps = {
  topics: Props["topics"];
  email: string;
  setEmail: (email: string) => void;
  ticked: Set<string>;
  setTicked: React.Dispatch<React.SetStateAction<Set<string>>>;
  search: string;
  setSearch: (search: string) => void;
};

function Fields({ topics, email, setEmail, ticked, setTicked, search, setSearch }: FieldsProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(subscribeToDigest, {});
  const toggle = (slug: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(slug);
      else next.delete(slug);
      return next;
    });
  return (
    <form action={action} className="mt-6 max-w-2xl space-y-5" aria-describedby="subscribe-privacy">
      <div>
        <label htmlFor="subscribe-email" className="block text-sm font-medium">
          Email address
        </label>
        <input
          id="subscribe-email"
          name="email"
          type="email"
          required
          autoComplete="email"
          maxLength={254}
          placeholder="ada@example.org"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className={`${inputClass} mt-1 w-full max-w-sm py-2`}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Topics (none ticked: every topic)</legend>
        <div className="mt-2 grid gap-x-4 sm:grid-cols-2">
          {topics.map((t) => (
            <label key={t.slug} className="flex items-center gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                name="topic"
                value={t.slug}
                checked={ticked.has(t.slug)}
                onChange={(e) => toggle(t.slug, e.target.checked)}
                className="h-4 w-4 accent-indigo-600"
              />
              {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="subscribe-query" className="block text-sm font-medium">
          Only papers matching this search (optional)
        </label>
        <input
          id="subscribe-query"
          name="q"
          type="text"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={200}
          placeholder="e.g. diffusion -video"
          className={`${inputClass} mt-1 w-full max-w-sm py-2`}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Subscribing…" : "Subscribe"}
        </button>
        <FormResult state={state} size="sm" />
      </div>
      <p id="subscribe-privacy" className="text-xs text-zinc-600 dark:text-zinc-400">
        We email you a link to confirm first; nothing is sent until you click it. Your address is used only for the
        digest, never shown to anyone, and every email has a one-click unsubscribe link.
      </p>
    </form>
  );
}
