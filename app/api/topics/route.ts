// GET /api/topics: every topic with its description, paper count and top papers.
import { NextResponse } from "next/server";
import { listTopics } from "@/lib/catalog";

export const dynamic = "force-dynamic";

export async function GET() {
  const topics = await listTopics();
  return NextResponse.json({
    topics: topics.map((t) => ({
      slug: t.slug,
      name: t.name,
      description: t.description,
      count: t.count,
      url: `/?topic=${t.slug}`,
      top: t.top.map((p) => ({ slug: p.slug, url: `/papers/${p.slug}`, title: p.title })),
    })),
  });
}
