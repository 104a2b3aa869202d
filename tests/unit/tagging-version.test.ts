import { afterEach, describe, expect, it, vi } from "vitest";

// Stored topics and key phrases are recomputed when their version changes, so the
// version must change with every rule that shapes them. (It once ignored the
// key-phrase rules, and edited filler words never reached stored papers.)
describe("TAGGING_VERSION", () => {
  afterEach(() => {
    vi.doUnmock("@/lib/topics/key-phrases");
    vi.doUnmock("@/lib/topics/taxonomy");
    vi.resetModules();
  });

  const version = async () => (await import("@/lib/topics/tagger")).TAGGING_VERSION;

  it("changes when the key-phrase rules change", async () => {
    const before = await version();
    vi.resetModules();
    vi.doMock("@/lib/topics/key-phrases", async (importOriginal) => {
      const original = await importOriginal<typeof import("@/lib/topics/key-phrases")>();
      return { ...original, KEY_PHRASE_RULES: { ...original.KEY_PHRASE_RULES, filler: ["something", "else"] } };
    });
    expect(await version()).not.toBe(before);
  });

  it("changes when the taxonomy's evidence changes", async () => {
    const before = await version();
    vi.resetModules();
    vi.doMock("@/lib/topics/taxonomy", async (importOriginal) => {
      const original = await importOriginal<typeof import("@/lib/topics/taxonomy")>();
      const [first, ...rest] = original.TOPICS;
      return {
        ...original,
        TOPICS: [{ ...first!, evidence: [...first!.evidence, ["new phrase", 1] as const] }, ...rest],
      };
    });
    expect(await version()).not.toBe(before);
  });

  it("stays the same when nothing changed", async () => {
    const before = await version();
    vi.resetModules();
    expect(await version()).toBe(before);
  });
});
