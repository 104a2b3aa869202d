// Browser tests against the production build (npm test builds it first).
// Three servers, each with its own SQLite file: the main one is a fresh
// `npm start` (migrations + bundled sample feed); the "live" one starts from a
// feed of hostile text and receives ingests while it runs; the "sources" one
// holds several days of Hugging Face and arXiv fixtures and writes its emails
// to an outbox folder instead of sending them.
import fs from "node:fs";
import { defineConfig } from "@playwright/test";

export const MAIN_PORT = Number(process.env.E2E_PORT ?? 3210);
export const LIVE_PORT = MAIN_PORT + 1;
export const LIVE_DB = "data/e2e-live.db";
/** The "sources" server: a catalog built from Hugging Face and arXiv fixtures over several days, with email going to an outbox folder. */
export const SOURCES_PORT = MAIN_PORT + 2;
export const SOURCES_DB = "data/e2e-sources.db";
export const SOURCES_OUTBOX = "data/e2e-outbox";
/**
 * Bookmark writes on the "live" server refill slowly (one every 30 s), so the
 * rate-limit browser test (security.spec.ts) finds a refusal still in force
 * when it clicks. No other test writes there.
 */
export const LIVE_WRITES_LIMIT = "20/10m";

/** $CHROMIUM_PATH, else Debian's chromium, else Playwright's own browser (if one was installed). */
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
}

const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${MAIN_PORT}`,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: "rm -f data/e2e.db data/e2e.db-* && tsx scripts/start.ts --no-build",
      url: `http://127.0.0.1:${MAIN_PORT}/api/papers?limit=1`,
      env: { ...serverEnv, DATABASE_URL: "file:./data/e2e.db", PORT: String(MAIN_PORT), PAPERSHELF_HOST: "127.0.0.1" },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `rm -f ${LIVE_DB} ${LIVE_DB}-* && tsx scripts/ingest.ts tests/fixtures/hostile-feed.txt --date 2026-03-10 && tsx scripts/start.ts --no-build`,
      url: `http://127.0.0.1:${LIVE_PORT}/api/papers?limit=1`,
      env: {
        ...serverEnv,
        DATABASE_URL: `file:./${LIVE_DB}`,
        PORT: String(LIVE_PORT),
        PAPERSHELF_HOST: "127.0.0.1",
        PAPERSHELF_RATE_LIMIT_WRITES: LIVE_WRITES_LIMIT,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: [
        `rm -rf ${SOURCES_DB} ${SOURCES_DB}-* ${SOURCES_OUTBOX}`,
        "tsx scripts/ingest.ts tests/fixtures/feeds/hf-week.json",
        "tsx scripts/ingest.ts tests/fixtures/feeds/arxiv-query.xml",
        "tsx scripts/start.ts --no-build",
      ].join(" && "),
      url: `http://127.0.0.1:${SOURCES_PORT}/api/papers?limit=1`,
      env: {
        ...serverEnv,
        DATABASE_URL: `file:./${SOURCES_DB}`,
        PORT: String(SOURCES_PORT),
        PAPERSHELF_HOST: "127.0.0.1",
        PAPERSHELF_URL: `http://127.0.0.1:${SOURCES_PORT}`,
        PAPERSHELF_OUTBOX: SOURCES_OUTBOX,
        SMTP_URL: "",
        // The digest tests all subscribe from 127.0.0.1 without a visitor cookie, so they share one bucket.
        PAPERSHELF_RATE_LIMIT_SUBSCRIBE: "100/10m",
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
  ],
});
