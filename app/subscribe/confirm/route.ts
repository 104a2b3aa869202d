// GET /subscribe/confirm?token=...: the link in the confirmation email. Confirms
// the subscription once, then shows the outcome on /subscribe.
import { NextResponse, type NextRequest } from "next/server";
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { confirmSubscription } from "@/lib/subscriptions";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const token = (request.nextUrl.searchParams.get("token") ?? "").slice(0, 100);
  const result = await confirmSubscription(token);
  const path = result.ok ? "/subscribe?confirmed=1" : `/subscribe?error=${result.reason}`;
  return NextResponse.redirect(new URL(path, siteUrl(requestOrigin(request.headers))), 303);
}
