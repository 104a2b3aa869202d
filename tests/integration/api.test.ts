import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPapers } from "@/app/api/papers/route";
import { GET as getPaper } from "@/app/api/papers/[slug]/route";
import { GET as getSuggestions } from "@/app/api/suggest/route";
import { GET as getTopics } from "@/app/api/topics/route";
import { ingestFeedFile, SAMPLE_FEED } from "@/lib/ingest-file";
import { createTempCatalog, textPage, writeFeed, type TempCatalog } from "@/tests/helpers/catalog";

let cat: TempCatalog;
const HOSTILE_TITLE = '<script>alert("t")</script> Hostile <b>Title</b>';
const HOSTILE_ABSTRACT =
  'It has <img src=x onerror="alert(1)"> and a javascript:alert(2) link, which are only text here.';

beforeAll(() => {
  cat = createTempCatalog();
  process.env.DATABASE_URL = cat.url;
  ingestFeedFile(cat.db, SAMPLE_FEED, { today: "2026-11-29" });
  ingestFeedFile(cat.db, writeFeed(cat.dir, "hostile.txt", textPage([[HOSTILE_TITLE, HOSTILE_ABSTRACT]])), {
    date: "2026-03-01",
  });
});
afterAll(() => cat.cleanup());

const list = async (query: string) => {
  const response = await getPapers(new NextRequest(`http://localhost/api/papers${query}`));
  return { status: response.status, body: await response.json() };
};
const one = async (slug: string) => {
  const response = await getPaper(new NextRequest(`http://localhost/api/papers/${slug}`), {
    params: Promise.resolve({ slug }),
  });
  return { status: response.status, body: await response.json() };
};

describe("GET /api/papers", () => {
  it("returns the trending listing as { total, page, limit, results }", async () => {
    const { status, body } = await list("");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 95, page: 1, limit: 20 });
    expect(body.results).toHaveLength(20);
    expect(body.results[0]).toMatchObject({
      slug: "domain-specific-language-model-pretraining-for-biomedical-natural-language",
      url: "/papers/domain-specific-language-model-pretraining-for-biomedical-natural-language",
      title: "Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing",
      lastFeedDate: "2026-03-11",
      lastRank: 1,
      appearances: [{ feedDate: "2026-03-11", rank: 1 }],
      links: [{ url: "https://aka.ms/BLURB", kind: "other", label: "aka.ms/BLURB" }],
      hasCode: false,
    });
    expect(typeof body.results[0].abstract).toBe("string");
  });

  it("searches with q, ranked, with a score per result", async () => {
    const { body } = await list("?q=MATES&limit=3");
    expect(body.results[0].title).toMatch(/^MATES:/);
    expect(body.results[0].score).toBeGreaterThan(0);
    expect(body.limit).toBe(3);
  });

  it("pages through results with page and limit", async () => {
    const { body } = await list("?sort=title&page=2&limit=50");
    expect(body).toMatchObject({ total: 95, page: 2, limit: 50 });
    expect(body.results).toHaveLength(45);
  });

  it.each([
    ["?limit=500", "limit must be a whole number from 1 to 100"],
    ["?page=zero", "page must be a whole number from 1"],
    ["?sort=random", "sort must be one of relevance, trending, newest, title"],
  ])("answers %s with 400 and a message", async (query, error) => {
    expect(await list(query)).toEqual({ status: 400, body: { error } });
  });

  it("gives every paper its topics, and filters by topic", async () => {
    const { body } = await list("?topic=multimodal&limit=100");
    expect(body.total).toBeGreaterThan(5);
    for (const p of body.results) {
      expect(p.topics).toContainEqual({ slug: "multimodal", name: "Multimodal & vision-language" });
      expect(p.keyPhrases.length).toBeGreaterThan(0);
    }
  });

  it("returns markup in feed text as the plain string it was", async () => {
    const { body } = await list("?q=hostile");
    expect(body.results[0]).toMatchObject({ title: HOSTILE_TITLE, abstract: HOSTILE_ABSTRACT, links: [] });
  });
});

describe("GET /api/suggest", () => {
  const suggest = async (query: string) => {
    const response = await getSuggestions(new NextRequest(`http://localhost/api/suggest${query}`));
    return { status: response.status, body: await response.json() };
  };

  it("suggests completions, topics and papers for what was typed", async () => {
    const { status, body } = await suggest("?q=spee");
    expect(status).toBe(200);
    expect(body.suggestions).toContainEqual({ kind: "query", label: "speech", href: "/?q=speech" });
    expect(body.suggestions).toContainEqual({
      kind: "topic",
      label: "Audio, speech & music",
      href: "/?topic=audio-speech",
    });
    expect(body.suggestions.some((s: { kind: string }) => s.kind === "paper")).toBe(true);
    expect(body.suggestions.length).toBeLessThanOrEqual(8);
  });

  it("suggests a paper by the start of its acronym, with its title as plain text", async () => {
    const { body } = await suggest("?q=Astro");
    expect(body.suggestions).toContainEqual({
      kind: "paper",
      label: "AstroM³: A self-supervised multimodal model for astronomy",
      href: "/papers/astrom3-a-self-supervised-multimodal-model-for-astronomy",
    });
  });

  it("suggests nothing for a single character, and rejects a missing or huge q", async () => {
    expect((await suggest("?q=a")).body).toEqual({ suggestions: [] });
    expect(await suggest("")).toEqual({ status: 400, body: { error: "q is required" } });
    expect((await suggest(`?q=${"x".repeat(101)}`)).status).toBe(400);
  });
});

describe("GET /api/topics", () => {
  it("lists every topic with its paper count, in taxonomy order", async () => {
    const body = await (await getTopics()).json();
    expect(body.topics.length).toBeGreaterThanOrEqual(15);
    const multimodal = body.topics.find((t: { slug: string }) => t.slug === "multimodal");
    expect(multimodal).toMatchObject({ name: "Multimodal & vision-language", url: "/?topic=multimodal" });
    expect(multimodal.count).toBe((await list("?topic=multimodal")).body.total);
    expect(multimodal.top).toHaveLength(3);
  });
});

describe("GET /api/papers/[slug]", () => {
  it("returns one paper with its related papers", async () => {
    const { status, body } = await one(
      "mates-model-aware-data-selection-for-efficient-pretraining-with-data-influence",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ title: expect.stringMatching(/^MATES:/), hasCode: true });
    expect(body.related).toHaveLength(5);
    expect(body.related[0]).toEqual({
      slug: expect.any(String),
      url: expect.stringMatching(/^\/papers\//),
      title: expect.any(String),
      shared: expect.arrayContaining([expect.any(String)]),
    });
  });

  it.each(["no-such-paper", "<script>", "UPPER-case"])(
    "answers an unknown slug (%s) with a 404 JSON body",
    async (slug) => {
      expect(await one(slug)).toEqual({ status: 404, body: { error: "no paper with that slug" } });
    },
  );
});
