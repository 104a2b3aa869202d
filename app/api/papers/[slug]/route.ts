// GET /api/papers/[slug]: one paper as JSON with its related papers, or a 404 JSON body.
import { NextResponse, type NextRequest } from "next/server";
import { toApiPaper } from "@/lib/api";
import { getPaperBySlug, getRelatedPapers } from "@/lib/catalog";
import { slugSchema } from "@/lib/slug";

export const dynamic = "force-dynamic";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const slug = slugSchema.safeParse((await params).slug);
  const paper = slug.success ? await getPaperBySlug(slug.data) : null;
  if (!paper) return NextResponse.json({ error: "no paper with that slug" }, { status: 404 });
  return NextResponse.json(toApiPaper(paper, await getRelatedPapers(paper)));
}
