import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  listingHref,
  MAX_QUERY_LENGTH,
  parseApiParams,
  parseListingParams,
  queryWasCut,
  SORTS,
  toggleTopic,
  type ListingParams,
} from "@/lib/listing-params";

describe("parseListingParams (page URLs)", () => {
  it("defaults to trending, page 1, no query", () => {
    expect(parseListingParams({})).toEqual({ q: "", sort: "trending", page: 1, topics: [], period: null });
  });

  it("defaults to relevance when there is a query", () => {
    expect(parseListingParams({ q: "  MATES   data " })).toEqual({
      q: "MATES data",
      sort: "relevance",
      page: 1,
      topics: [],
      period: null,
    });
  });

  it.each([
    [{ page: "abc" }, { page: 1 }],
    [{ page: "-3" }, { page: 1 }],
    [{ page: "2.5" }, { page: 1 }],
    [{ page: "1e9" }, { page: 1 }],
    [{ sort: "bogus" }, { sort: "trending" }],
    [{ sort: "relevance" }, { sort: "trending" }],
    [
      { q: ["first", "second"], page: ["3", "4"] },
      { q: "first", page: 3 },
    ],
  ])("falls back to defaults for bad values %o", (raw, expected) => {
    expect(parseListingParams(raw)).toMatchObject(expected);
  });

  it("cuts very long queries instead of failing", () => {
    expect(parseListingParams({ q: "x".repeat(100_000) }).q).toHaveLength(200);
  });

  it("tells the page when the query was cut, counting characters after collapsing spaces", () => {
    expect(MAX_QUERY_LENGTH).toBe(200);
    expect(queryWasCut({ q: "x".repeat(200) })).toBe(false);
    expect(queryWasCut({ q: "x".repeat(201) })).toBe(true);
    expect(queryWasCut({ q: ` ${"a  ".repeat(100)}` })).toBe(false); // 100 words, 199 characters once collapsed
    expect(queryWasCut({ q: ["x".repeat(10_000), "short"] })).toBe(true);
    expect(queryWasCut({})).toBe(false);
  });
});

describe("listingHref", () => {
  it("leaves defaults out of the URL", () => {
    expect(listingHref({ q: "", sort: "trending", page: 1, topics: [] })).toBe("/");
    expect(listingHref({ q: "a b", sort: "relevance", page: 2, topics: [] })).toBe("/?q=a+b&page=2");
    expect(listingHref({ q: "", sort: "title", page: 1, topics: [] })).toBe("/?sort=title");
    expect(listingHref({ q: "", sort: "trending", page: 1, topics: ["code", "data"] })).toBe("/?topic=code&topic=data");
  });

  it("round-trips through parseListingParams for any state", () => {
    const state = fc.record({
      q: fc.string({ maxLength: 40 }).map((s) => s.replace(/\s+/g, " ").trim()),
      sort: fc.constantFrom(...SORTS),
      page: fc.integer({ min: 1, max: 500 }),
      topics: fc.uniqueArray(fc.constantFrom("code", "data", "multimodal", "efficiency", "vision"), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(state, (s: ListingParams) => {
        const expected = parseListingParams({ q: s.q, sort: s.sort, page: String(s.page), topic: s.topics });
        const url = new URL(listingHref(expected), "http://x");
        const raw: Record<string, string | string[]> = Object.fromEntries(url.searchParams);
        raw.topic = url.searchParams.getAll("topic");
        expect(parseListingParams(raw)).toEqual(expected);
      }),
    );
  });
});

describe("toggleTopic", () => {
  const base: ListingParams = { q: "data", sort: "relevance", page: 3, topics: ["code"] };

  it("adds a topic filter and starts again at page 1", () => {
    expect(toggleTopic(base, "multimodal")).toEqual({ ...base, topics: ["code", "multimodal"], page: 1 });
  });

  it("removes a topic filter given as ?topic=", () => {
    expect(toggleTopic(base, "code")).toEqual({ ...base, topics: [], page: 1 });
  });

  it("removes a topic filter written as topic: in the query", () => {
    const typed = { ...base, q: "topic:multimodal data TOPIC:code", topics: [] };
    expect(toggleTopic(typed, "multimodal")).toEqual({ ...typed, q: "data TOPIC:code", page: 1 });
    expect(toggleTopic(typed, "code")).toEqual({ ...typed, q: "topic:multimodal data", page: 1 });
  });
});

describe("parseApiParams (JSON API)", () => {
  const parse = (query: string) => parseApiParams(new URLSearchParams(query));

  it("applies defaults: page 1, limit 20, trending, or relevance with a query", () => {
    expect(parse("")).toEqual({
      ok: true,
      params: { q: "", sort: "trending", page: 1, limit: 20, topics: [], period: null },
    });
    expect(parse("q=MATES&limit=100")).toEqual({
      ok: true,
      params: { q: "MATES", sort: "relevance", page: 1, limit: 100, topics: [], period: null },
    });
  });

  it.each([
    ["date=2026-11-27", { kind: "date", value: "2026-11-27", from: "2026-11-27", to: "2026-11-27" }],
    ["week=2026-W48", { kind: "week", value: "2026-W48", from: "2026-11-23", to: "2026-11-29" }],
    ["month=2026-02", { kind: "month", value: "2026-02", from: "2026-02-01", to: "2026-02-28" }],
    ["month=2024-02&week=2024-W01", { kind: "week", value: "2024-W01", from: "2024-01-01", to: "2024-01-07" }],
  ])("reads the period %s as the days it covers", (query, period) => {
    expect(parse(query)).toMatchObject({ ok: true, params: { period } });
  });

  it.each([
    ["date=2026-02-30", "date must be a real day as YYYY-MM-DD"],
    ["week=2026-W54", "week must be a real week as YYYY-Www"],
    ["month=2026-13", "month must be a real month as YYYY-MM"],
  ])("rejects the impossible period %s with a message", (query, error) => {
    expect(parse(query)).toEqual({ ok: false, error });
  });

  it("takes a query of up to 200 characters once spaces are collapsed", () => {
    expect(parse(`q=${"x".repeat(200)}`)).toMatchObject({ ok: true, params: { q: "x".repeat(200) } });
    expect(parse(`q=${encodeURIComponent(` a  b${" ".repeat(5000)}`)}`)).toMatchObject({
      ok: true,
      params: { q: "a b" },
    });
  });

  it("takes several topics, each once", () => {
    expect(parse("topic=code&topic=Data&topic=code")).toMatchObject({ ok: true, params: { topics: ["code", "data"] } });
  });

  it.each([
    ["topic=astrology", 'unknown topic "astrology"; GET /api/topics lists them'],
    ["limit=0", "limit must be a whole number from 1 to 100"],
    ["limit=101", "limit must be a whole number from 1 to 100"],
    ["limit=ten", "limit must be a whole number from 1 to 100"],
    ["page=0", "page must be a whole number from 1"],
    ["page=1.5", "page must be a whole number from 1"],
    ["sort=best", "sort must be one of relevance, trending, newest, title"],
    [`q=${"x".repeat(201)}`, "q must be at most 200 characters"],
    [`q=${"x".repeat(10_000)}`, "q must be at most 200 characters"],
  ])("rejects %s with a clear message", (query, error) => {
    expect(parse(query)).toEqual({ ok: false, error });
  });
});
