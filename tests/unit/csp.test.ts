import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";

/** The policy as a map of directive name to its sources. */
const directives = (policy: string) =>
  new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)] as const));

describe("contentSecurityPolicy", () => {
  it("runs only scripts that carry the response's nonce (and what they load), never inline or eval'd code", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123==" }));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("forbids plugins, frames around the site, a foreign <base> and forms posting elsewhere", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n" }));
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows stylesheets from the site or with the nonce, and style attributes, but no inline <style> without it", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n" }));
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-n'"]);
    expect(d.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("upgrades insecure requests only on a page served over https", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toMatch(/; upgrade-insecure-requests$/);
    expect(contentSecurityPolicy({ nonce: "n" })).not.toContain("upgrade-insecure-requests");
  });

  it("lets next dev's tools use eval and inline styles, and only there", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n", dev: true }));
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
