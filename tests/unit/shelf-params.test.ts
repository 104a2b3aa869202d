import { describe, expect, it } from "vitest";
import { parseShelfParams, shelfHref } from "@/lib/shelf-params";

describe("shelf URL state", () => {
  it("defaults to newest bookmark first, everything shown", () => {
    expect(parseShelfParams({})).toEqual({ q: "", sort: "added", topics: [], tag: "", unread: false, page: 1 });
  });

  it("reads every filter and falls back to defaults for bad values", () => {
    expect(
      parseShelfParams({ q: "data", tag: " To-Read ", unread: "1", topic: ["code", "nope"], sort: "weird", page: "x" }),
    ).toEqual({
      q: "data",
      sort: "relevance",
      topics: ["code"],
      tag: "to-read",
      unread: true,
      page: 1,
    });
  });

  it("folds a tag filter the way tags are saved, so any spelling of it filters", () => {
    expect(parseShelfParams({ tag: "Reading   Group" }).tag).toBe("reading group");
  });

  it("round-trips through its URL, leaving defaults out", () => {
    const state = parseShelfParams({ q: "data", tag: "to-read", unread: "1", topic: "code", sort: "title", page: "2" });
    const url = new URL(shelfHref(state), "http://x");
    expect(url.pathname).toBe("/bookmarks");
    const raw = Object.fromEntries(url.searchParams) as Record<string, string | string[]>;
    raw.topic = url.searchParams.getAll("topic");
    expect(parseShelfParams(raw)).toEqual(state);
    expect(shelfHref(parseShelfParams({}))).toBe("/bookmarks");
  });
});
