// GET /bookmarks/export/bibtex|csl|json: this browser's shelf as a download:
// BibTeX, CSL-JSON, or the complete JSON export that import takes back.
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { type NextRequest } from "next/server";
import { z } from "zod";
import { allShelfItems } from "@/lib/bookmarks";
import { toBibtex } from "@/lib/export/bibtex";
import { citableItem } from "@/lib/export/citable";
import { toCslJson } from "@/lib/export/csl";
import { buildShelfExport } from "@/lib/shelf-transfer";
import { currentVisitorId } from "@/lib/visitor";

export const dynamic = "force-dynamic";

const formatSchema = z.enum(["bibtex", "csl", "json"]);

export async function GET(request: NextRequest, { params }: { params: Promise<{ format: string }> }) {
  const format = formatSchema.safeParse((await params).format);
  if (!format.success) return Response.json({ error: "format must be bibtex, csl or json" }, { status: 404 });
  const items = await allShelfItems(await currentVisitorId());
  const day = new Date().toISOString().slice(0, 10);
  const download = (body: string, type: string, extension: string) =>
    new Response(body, {
      headers: {
        "Content-Type": `${type}; charset=utf-8`,
        "Content-Disposition": `attachment; filename="papershelf-${day}.${extension}"`,
        "Cache-Control": "private, no-store",
      },
    });
  // The address the visitor used (Next reports localhost in production).
  const origin = siteUrl(requestOrigin(request.headers));
  switch (format.data) {
    case "bibtex":
      return download(toBibtex(items.map((i) => citableItem(i, origin))), "application/x-bibtex", "bib");
    case "csl":
      return download(
        JSON.stringify(toCslJson(items.map((i) => citableItem(i, origin))), null, 2),
        "application/vnd.citationstyles.csl+json",
        "csl.json",
      );
    case "json":
      return download(JSON.stringify(buildShelfExport(items), null, 2), "application/json", "json");
  }
}
