// A page of paper cards as an ordered list (numbered from the page's first item).
import { PaperCard } from "@/components/paper-card";
import type { PaperView, SearchMatch } from "@/lib/catalog";
import type { Period } from "@/lib/periods";

type Item = PaperView & { match?: SearchMatch };

export function PaperList({
  items,
  start,
  bookmarked,
  period,
}: {
  items: Item[];
  start: number;
  bookmarked: ReadonlySet<number>;
  period?: Pick<Period, "from" | "to"> | null;
}) {
  return (
    <ol start={start} className="mt-4 space-y-3" aria-label="Papers">
      {items.map((paper) => (
        <li key={paper.id}>
          <PaperCard
            paper={paper}
            terms={paper.match ? new Set(paper.match.terms) : undefined}
            bookmarked={bookmarked.has(paper.id)}
            period={period}
          />
        </li>
      ))}
    </ol>
  );
}
