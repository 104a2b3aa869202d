import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tempDir } from "@/tests/helpers/catalog";

const load = async () => (await import("@/lib/secret")).getSecret;
const dirs: string[] = [];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function freshCatalogDir() {
  const dir = tempDir();
  dirs.push(dir);
  vi.stubEnv("DATABASE_URL", `file:${path.join(dir, "catalog.db")}`);
  vi.stubEnv("PAPERSHELF_SECRET", "");
  return dir;
}

describe("the cookie-signing secret", () => {
  it("is generated on first use, kept beside the catalog readable only by its owner, and reused", async () => {
    const dir = freshCatalogDir();
    const first = (await load())();
    const file = path.join(dir, "papershelf.secret");
    expect(fs.readFileSync(file, "utf8")).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    vi.resetModules();
    expect((await load())()).toBe(first);
    expect(first.length).toBeGreaterThanOrEqual(32);
  });

  it("comes from PAPERSHELF_SECRET when set, and nothing is written", async () => {
    const dir = freshCatalogDir();
    vi.stubEnv("PAPERSHELF_SECRET", "k".repeat(40));
    expect((await load())()).toBe("k".repeat(40));
    expect(fs.existsSync(path.join(dir, "papershelf.secret"))).toBe(false);
  });

  it("refuses a PAPERSHELF_SECRET too short to be safe", async () => {
    freshCatalogDir();
    vi.stubEnv("PAPERSHELF_SECRET", "short");
    expect(await load().then((get) => () => get())).toThrow(/at least 32 characters/);
  });
});
