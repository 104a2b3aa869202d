// The links a paper's text mentions, sorted into what a reader looks for: its code,
// its Hugging Face models or datasets, its project page. Pure: no I/O.
import { linksIn, parseRichText, type Segment } from "@/lib/text/rich-text";

export type LinkKind = "code" | "huggingface" | "project" | "paper" | "other";
export type PaperLink = { url: string; kind: LinkKind; label: string };

const CODE_HOSTS = ["github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "sourceforge.net"];
const HF_HOSTS = ["huggingface.co", "hf.co"];
const PAPER_HOSTS = ["arxiv.org", "doi.org", "aclanthology.org", "openreview.net"];
const PAGE_HOST_SUFFIXES = [".github.io", ".gitlab.io", ".pages.dev", ".netlify.app", ".vercel.app"];

const onHost = (host: string, domains: string[]) => domains.some((d) => host === d || host.endsWith(`.${d}`));

/** What a URL is for, judged by its host. */
export function linkKind(url: string): LinkKind {
  const host = new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  if (host === "gist.github.com" || onHost(host, CODE_HOSTS)) return "code";
  if (onHost(host, HF_HOSTS)) return "huggingface";
  if (onHost(host, PAPER_HOSTS)) return "paper";
  if (PAGE_HOST_SUFFIXES.some((s) => host.endsWith(s))) return "project";
  return "other";
}

/** "github.com/cxcscmu/MATES": host and path without the scheme, query or trailing slash. */
export function linkLabel(url: string): string {
  const u = new URL(url);
  const path = decodeURIComponentSafe(u.pathname).replace(/\/+$/, "");
  return `${u.hostname.replace(/^www\./, "")}${path}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The http(s) links in a title or abstract (or its parseRichText segments), each once, classified. */
export function extractLinks(text: string | Segment[]): PaperLink[] {
  const segments = typeof text === "string" ? parseRichText(text) : text;
  return linksIn(segments).map(({ url }) => ({ url, kind: linkKind(url), label: linkLabel(url) }));
}
