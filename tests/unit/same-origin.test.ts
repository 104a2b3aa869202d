import { describe, expect, it } from "vitest";
import { isCrossOrigin } from "@/lib/same-origin";

const crossOrigin = (headers: Record<string, string>) => isCrossOrigin(new Headers(headers));

describe("isCrossOrigin", () => {
  it("is false for a request from the site's own pages", () => {
    expect(crossOrigin({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).toBe(false);
    expect(crossOrigin({ origin: "https://Papers.Example.org", host: "papers.example.org" })).toBe(false);
  });

  it("is true for a page of another site, another port, or an opaque (sandboxed) origin", () => {
    expect(crossOrigin({ origin: "http://evil.example", host: "127.0.0.1:3000" })).toBe(true);
    expect(crossOrigin({ origin: "http://127.0.0.1:4000", host: "127.0.0.1:3000" })).toBe(true);
    expect(crossOrigin({ origin: "null", host: "127.0.0.1:3000" })).toBe(true);
    expect(crossOrigin({ origin: "not a url", host: "127.0.0.1:3000" })).toBe(true);
  });

  it("accepts the public host a reverse proxy forwards, as Next's own check does", () => {
    const proxied = { origin: "https://papers.example.org", host: "localhost:3000" };
    expect(crossOrigin({ ...proxied, "x-forwarded-host": "papers.example.org, internal" })).toBe(false);
    expect(crossOrigin(proxied)).toBe(true);
  });

  it("is false without an Origin header: not a browser page, which always sends one on POST", () => {
    expect(crossOrigin({ host: "127.0.0.1:3000" })).toBe(false);
  });
});
