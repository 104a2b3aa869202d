import { describe, expect, it } from "vitest";
import { signVisitorId, verifyVisitorToken } from "@/lib/visitor-token";

const secret = "s".repeat(32);
const id = "5b0f1f3e-8a8b-4a58-9a43-6e1f4c1d2a7b";

describe("visitor cookies", () => {
  it("carry the visitor id and verify with the secret that signed them", () => {
    expect(verifyVisitorToken(signVisitorId(id, secret), secret)).toBe(id);
  });

  it("are refused when missing, malformed, forged or tampered with", () => {
    const token = signVisitorId(id, secret);
    const other = "0c7d6a7e-2f6b-4a5c-8d3e-1a2b3c4d5e6f";
    for (const bad of [
      undefined,
      "",
      id,
      `${id}.`,
      `${other}${token.slice(id.length)}`, // someone else's id with this signature
      `${token.slice(0, -2)}xx`, // an altered signature
      signVisitorId(id, "another secret, long enough to sign"), // signed elsewhere
      `not-a-uuid.${token.split(".")[1]}`,
      "x".repeat(500),
    ]) {
      expect(verifyVisitorToken(bad, secret)).toBeNull();
    }
  });

  it("only ever sign visitor ids (UUIDs)", () => {
    expect(() => signVisitorId("../admin", secret)).toThrow();
  });
});
