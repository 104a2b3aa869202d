// Papers (and shelf items) in the shape the citation exports take.
import type { ShelfItem } from "@/lib/bookmarks";
import type { PaperView } from "@/lib/catalog";
import type { Citable } from "@/lib/export/citation";

export function citablePaper(paper: PaperView, origin: string): Citable {
  return { ...paper, pageUrl: `${origin}/papers/${paper.slug}` };
}

export function citableItem(item: ShelfItem, origin: string): Citable {
  return { ...citablePaper(item.paper, origin), note: item.note, tags: item.tags };
}
