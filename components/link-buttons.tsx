// The code, Hugging Face, project-page and other links a paper's abstract
// mentions, as buttons. Only http(s) URLs ever get here (lib/text/rich-text).
import type { LinkKind, PaperLink } from "@/lib/text/links";

const KIND_LABEL: Record<LinkKind, string> = {
  code: "Code",
  huggingface: "Hugging Face",
  project: "Project page",
  paper: "Paper",
  other: "Link",
};

const ORDER: LinkKind[] = ["code", "huggingface", "project", "paper", "other"];

export function LinkButtons({ links }: { links: PaperLink[] }) {
  if (links.length === 0) return null;
  const sorted = [...links].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return (
    <ul className="mt-4 flex flex-wrap gap-2" aria-label="Links">
      {sorted.map((link) => (
        <li key={link.url} className="min-w-0 max-w-full">
          <a
            href={link.url}
            rel="noopener noreferrer"
            className="inline-flex max-w-full min-w-0 items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm shadow-sm hover:border-indigo-400 hover:bg-indigo-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:border-indigo-500 dark:hover:bg-zinc-800"
          >
            <span className="font-medium">{KIND_LABEL[link.kind]}</span>
            <span className="truncate text-zinc-600 dark:text-zinc-400">{link.label}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
