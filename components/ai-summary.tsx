// Hugging Face's one-paragraph AI summary of a paper, set apart from the
// authors' abstract and labelled as machine-written so no one quotes it as theirs.
import { RichText } from "@/components/rich-text";

export function AiSummary({ summary }: { summary: string | null }) {
  if (!summary) return null;
  return (
    <section
      aria-labelledby="ai-summary-title"
      className="mt-6 rounded-lg border border-dashed border-zinc-300 bg-zinc-100/60 px-4 py-3 dark:border-zinc-700 dark:bg-zinc-900/60"
    >
      <h2 id="ai-summary-title" className="text-sm font-semibold">
        AI summary
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Machine-written by Hugging Face, not by the authors; it may be wrong.
      </p>
      <p className="mt-2 break-words leading-relaxed text-zinc-800 dark:text-zinc-200">
        <RichText text={summary} />
      </p>
    </section>
  );
}
