// "/subscribe": the email digest. The form (prefilled from ?q= and ?topic= when
// the visitor came from a listing), and the outcome of a confirmation or
// unsubscribe link (?confirmed=1, ?unsubscribed=1, ?error=...).
import type { Metadata } from "next";
import { PageShell } from "@/components/page-shell";
import { SubscribeForm } from "@/components/subscribe-form";
import { all, first, knownTopics, normalizeQuery } from "@/lib/listing-params";
import { TOPICS } from "@/lib/topics/taxonomy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email digest" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const NOTICES: Record<string, { tone: "ok" | "error"; text: string }> = {
  confirmed: { tone: "ok", text: "Subscription confirmed. Your first digest brings the papers added from now on." },
  unsubscribed: { tone: "ok", text: "You are unsubscribed: no more digests will be sent to you." },
  expired: { tone: "error", text: "That confirmation link has expired. Subscribe again to get a new one." },
  invalid: { tone: "error", text: "That link is not valid (it may have been used already). Subscribe again below." },
};

export default async function SubscribePage({ searchParams }: Props) {
  const raw = await searchParams;
  const key = first(raw.confirmed) ? "confirmed" : first(raw.unsubscribed) ? "unsubscribed" : first(raw.error);
  const notice = key ? NOTICES[key] : undefined;
  const selected = knownTopics(all(raw.topic));
  const query = normalizeQuery(first(raw.q) ?? "");
  return (
    <PageShell>
      <h1 className="text-2xl font-bold tracking-tight">Email digest</h1>
      <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
        Get the papers new to Papershelf in your inbox: every paper, or only your topics and search.
      </p>
      {notice && (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={
            notice.tone === "ok"
              ? "mt-4 max-w-2xl rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
              : "mt-4 max-w-2xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          }
        >
          {notice.text}
        </p>
      )}
      <SubscribeForm
        // The form keeps what the visitor typed; new prefill from the URL starts it afresh.
        key={`${selected.join(",")}|${query}`}
        topics={TOPICS.map((t) => ({ slug: t.slug, name: t.name }))}
        selected={selected}
        query={query}
      />
    </PageShell>
  );
}
