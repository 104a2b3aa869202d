// The app's public base URL, for links that leave the page: Atom feeds and
// emails. PAPERSHELF_URL wins (behind a proxy the request's own origin may be an
// internal address); otherwise a request's origin, else http://localhost:3000.
import { z } from "zod";

const DEFAULT_URL = "http://localhost:3000";

const baseUrlSchema = z
  .string()
  .trim()
  .url("PAPERSHELF_URL must be an absolute http(s) URL, e.g. https://papers.example.org")
  .refine(
    (u) => /^https?:\/\//i.test(u),
    "PAPERSHELF_URL must be an absolute http(s) URL, e.g. https://papers.example.org",
  )
  .transform((u) => u.replace(/\/+$/, ""));

/**
 * The origin a visitor used, from the request's Host (or a proxy's
 * X-Forwarded-Host/-Proto) headers. Next's own request URL says
 * "localhost:<port>" in production whatever the visitor typed, so links and
 * redirects are built from the headers instead. Undefined for a malformed host.
 */
export function requestOrigin(headers: Headers): string | undefined {
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim();
  if (!host || !/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) return undefined;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]!.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/** The base URL without a trailing slash. Throws a one-line message when PAPERSHELF_URL is malformed. */
export function siteUrl(
  requestOrigin?: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const configured = env.PAPERSHELF_URL?.trim();
  if (configured) {
    const parsed = baseUrlSchema.safeParse(configured);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    return parsed.data;
  }
  return requestOrigin ?? DEFAULT_URL;
}
