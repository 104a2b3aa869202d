// GET /api/papers?q=&topic=&sort=&page=&limit=: the listing, a topic, or a search
// as JSON, { total, page, limit, results }. Invalid parameters are a 400 with a message.
import { NextResponse, type NextRequest } from "next/server";
import { toApiPaper } from "@/lib/api";
import { findPapers } from "@/lib/catalog";
import { parseApiParams } from "@/lib/listing-params";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const parsed = parseApiParams(request.nextUrl.searchParams);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const result = await findPapers(parsed.params);
  return NextResponse.json({
    total: result.total,
    page: result.page,
    limit: result.limit,
    results: result.items.map((p) => toApiPaper(p)),
  });
}
