// The live sources Papershelf can pull from, and the URLs that fetch one day,
// week or month of them: the Hugging Face daily-papers API and the arXiv API.
// Used by `npm run ingest -- --source ...` and by `npm run refresh`, which reads
// the configured sources from PAPERSHELF_SOURCES. Pure apart from reading env.
import { z } from "zod";
import { FORMAT_NAMES } from "@/lib/feed/detect";
import type { FeedSource } from "@/lib/feed/schema";
import { fetchOptionsFromEnv, type FetchOptions } from "@/lib/net/fetch-feed";
import type { Period } from "@/lib/periods";

export const HF_DEFAULT_URL = "https://huggingface.co/api/daily_papers";
export const ARXIV_DEFAULT_URL = "https://export.arxiv.org/api/query";
/** arXiv's API answers at most this many entries per call. */
export const ARXIV_MAX_RESULTS = 2000;
export const ARXIV_DEFAULT_MAX = 200;
/** arXiv's terms ask for at least 3 s between calls; applied to every *.arxiv.org host. */
export const ARXIV_INTERVAL_MS = 3000;

export type SourceSpec = { kind: "hf" } | { kind: "arxiv"; query: string; max: number };

/** A source's stable name, as written in PAPERSHELF_SOURCES and recorded by refresh: "hf", "arxiv:cat:cs.CL". */
export const sourceName = (s: SourceSpec) => (s.kind === "hf" ? "hf" : `arxiv:${s.query}`);
export const sourceFormat = (s: SourceSpec): FeedSource => FORMAT_NAMES[s.kind];

const urlSetting = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || fallback)
    .pipe(z.string().regex(/^https?:\/\/[^\s]+$/i, `${name} must be an http(s) URL`));

const envSchema = z.object({
  PAPERSHELF_HF_URL: urlSetting("PAPERSHELF_HF_URL", HF_DEFAULT_URL),
  PAPERSHELF_ARXIV_URL: urlSetting("PAPERSHELF_ARXIV_URL", ARXIV_DEFAULT_URL),
});

/** Base URLs of the two APIs (overridable, e.g. for a mirror or a test server). */
export function sourceUrls(env: Readonly<Record<string, string | undefined>> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return { hf: parsed.data.PAPERSHELF_HF_URL, arxiv: parsed.data.PAPERSHELF_ARXIV_URL };
}

/** The Hugging Face daily-papers URL of a day, an ISO week or a month. */
export function hfUrl(period: Pick<Period, "kind" | "value">, base: string): string {
  const url = new URL(base);
  url.searchParams.set(period.kind, period.value);
  // The API's default page is shorter than a busy day; 100 covers every day seen so far.
  url.searchParams.set("limit", "100");
  return url.href;
}

/** "2026-11-27" -> "[202611270000 TO 202611272359]", arXiv's submittedDate range syntax. */
const dayRange = (day: string) => {
  const d = day.replaceAll("-", "");
  return `[${d}0000 TO ${d}2359]`;
};

/** The arXiv API URL of a query, newest submissions first; with `day`, only that day's submissions. */
export function arxivUrl(query: string, max: number, base: string, day?: string): string {
  const url = new URL(base);
  url.searchParams.set("search_query", day ? `(${query}) AND submittedDate:${dayRange(day)}` : query);
  url.searchParams.set("sortBy", "submittedDate");
  url.searchParams.set("sortOrder", "descending");
  url.searchParams.set("start", "0");
  url.searchParams.set("max_results", String(max));
  return url.href;
}

/** The URL that fetches one day of a source. */
export function dayUrl(source: SourceSpec, day: string, env?: Readonly<Record<string, string | undefined>>): string {
  const bases = sourceUrls(env);
  return source.kind === "hf"
    ? hfUrl({ kind: "date", value: day }, bases.hf)
    : arxivUrl(source.query, source.max, bases.arxiv, day);
}

const isArxivHost = (url: string) => /(^|\.)arxiv\.org$/i.test(new URL(url).hostname);

/** Download settings for a URL: the env's timeouts and limits, and arXiv's pace for arXiv hosts. */
export function fetchOptionsFor(url: string, env?: Readonly<Record<string, string | undefined>>): FetchOptions {
  return { ...fetchOptionsFromEnv(env), minIntervalMs: isArxivHost(url) ? ARXIV_INTERVAL_MS : 0 };
}

const arxivQuery = z
  .string()
  .trim()
  .min(1, "an arXiv source needs a query, e.g. arxiv:cat:cs.CL")
  .max(500, "an arXiv query must be at most 500 characters");

export const arxivMaxSchema = z.coerce
  .number({ error: `must be a whole number from 1 to ${ARXIV_MAX_RESULTS}` })
  .int(`must be a whole number from 1 to ${ARXIV_MAX_RESULTS}`)
  .min(1, `must be a whole number from 1 to ${ARXIV_MAX_RESULTS}`)
  .max(ARXIV_MAX_RESULTS, `must be a whole number from 1 to ${ARXIV_MAX_RESULTS}`);

/**
 * Parses PAPERSHELF_SOURCES: sources separated by ";" or new lines, each "hf" or
 * "arxiv:<query>" (e.g. "hf; arxiv:cat:cs.CL; arxiv:cat:cs.LG AND abs:diffusion").
 * Unset means "hf". Throws a one-line message naming the bad part.
 */
export function parseSources(value: string | undefined, arxivMax = ARXIV_DEFAULT_MAX): SourceSpec[] {
  const parts = (value ?? "hf")
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error("PAPERSHELF_SOURCES lists no source (want e.g. hf; arxiv:cat:cs.CL)");
  const specs = parts.map((part): SourceSpec => {
    if (part.toLowerCase() === "hf") return { kind: "hf" };
    const arxiv = /^arxiv:(.*)$/is.exec(part);
    if (arxiv) {
      const query = arxivQuery.safeParse(arxiv[1]);
      if (!query.success) throw new Error(`PAPERSHELF_SOURCES: ${query.error.issues[0]!.message}`);
      return { kind: "arxiv", query: query.data, max: arxivMax };
    }
    throw new Error(`PAPERSHELF_SOURCES: unknown source "${part}" (want hf or arxiv:<query>)`);
  });
  // The same source twice would fetch everything twice.
  return [...new Map(specs.map((s) => [sourceName(s), s])).values()];
}

/** The configured sources: PAPERSHELF_SOURCES, with PAPERSHELF_ARXIV_MAX entries per arXiv call. */
export function configuredSources(env: Readonly<Record<string, string | undefined>> = process.env): SourceSpec[] {
  const max = env.PAPERSHELF_ARXIV_MAX?.trim() ? arxivMaxSchema.safeParse(env.PAPERSHELF_ARXIV_MAX) : null;
  if (max && !max.success) throw new Error(`PAPERSHELF_ARXIV_MAX ${max.error.issues[0]!.message}`);
  return parseSources(env.PAPERSHELF_SOURCES, max?.data ?? ARXIV_DEFAULT_MAX);
}
