// /unsubscribe?s=<id>&t=<signature>: the link in every digest. GET (a click)
// unsubscribes at once and shows the outcome; POST is RFC 8058's one-click
// unsubscribe that mail clients send from the List-Unsubscribe header.
// Unlike every other mutation, the POST is accepted from any origin (proxy.ts):
// mail providers send it from their own servers or webmail pages, which are
// never this site. That is safe because the signed link is the authority, not
// a cookie: a forged request can only unsubscribe someone whose link it holds.
// It is still rate-limited like other writes.
import { NextResponse, type NextRequest } from "next/server";
import { getSecret } from "@/lib/secret";
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { unsubscribe } from "@/lib/subscriptions";

export const dynamic = "force-dynamic";

function linkOf(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  return { id: Number(params.get("s")), token: (params.get("t") ?? "").slice(0, 100) };
}

export async function GET(request: NextRequest) {
  const { id, token } = linkOf(request);
  const ok = await unsubscribe(id, token, getSecret());
  const path = ok ? "/subscribe?unsubscribed=1" : "/subscribe?error=invalid";
  return NextResponse.redirect(new URL(path, siteUrl(requestOrigin(request.headers))), 303);
}

export async function POST(request: NextRequest) {
  const { id, token } = linkOf(request);
  const ok = await unsubscribe(id, token, getSecret());
  return new NextResponse(ok ? "unsubscribed\n" : "invalid unsubscribe link\n", {
    status: ok ? 200 : 400,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
