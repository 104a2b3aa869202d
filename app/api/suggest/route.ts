// GET /api/suggest?q=: suggestions for the search box as you type
// ({ suggestions: [{ kind, label, href }] }). q is required, up to 100 characters.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getSearchState } from "@/lib/search/service";
import { suggest } from "@/lib/search/suggest";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  q: z.string({ error: "q is required" }).max(100, "q must be at most 100 characters"),
});

export async function GET(request: NextRequest) {
  const parsed = paramsSchema.safeParse({ q: request.nextUrl.searchParams.get("q") ?? undefined });
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const suggestions = suggest(await getSearchState(), parsed.data.q);
  return NextResponse.json({ suggestions }, { headers: { "Cache-Control": "private, max-age=5" } });
}
