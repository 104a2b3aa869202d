// GET /papers/[slug]/bibtex: one paper's BibTeX entry, as a .bib download.
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { type NextRequest } from "next/server";
import { getPaperBySlug } from "@/lib/catalog";
import { toBibtex } from "@/lib/export/bibtex";
import { citablePaper } from "@/lib/export/citable";
import { slugSchema } from "@/lib/slug";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const slug = slugSchema.safeParse((await params).slug);
  const paper = slug.success ? await getPaperBySlug(slug.data) : null;
  if (!paper) return Response.json({ error: "no paper with that slug" }, { status: 404 });
  return new Response(toBibtex([citablePaper(paper, siteUrl(requestOrigin(request.headers)))]), {
    headers: {
      "Content-Type": "application/x-bibtex; charset=utf-8",
      "Content-Disposition": `attachment; filename="${paper.slug}.bib"`,
    },
  });
}
