// Load: LOAD_CONNECTIONS visitors (default 50), each its own cookie and
// connection, browse listings, search, open papers and toggle bookmarks without
// pause for LOAD_DURATION_S seconds (default 60) against the production server.
// It counts answers rather than timing them, so a slow machine makes it slower,
// not red: no 5xx, no dropped connection, no error in the server's log, and
// every shelf ends as its acknowledged toggles left it. A 429 (rate limited)
// is counted as refused, never as a failure. The figures go to
// test-results/server-load.json.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ensureBuild, startServer, type AppServer, errorLines, firstErrors } from "@/tests/helpers/app-server";
import { BrowsingVisitor, tallyCrowd } from "@/tests/helpers/browsing-visitor";
import { createServerCatalog, type ServerCatalog } from "@/tests/helpers/server-catalog";

const settings = z
  .object({
    LOAD_DURATION_S: z.coerce.number().positive().max(3600).default(60),
    LOAD_CONNECTIONS: z.coerce.number().int().min(1).max(500).default(50),
    SERVER_TEST_PORT: z.coerce.number().int().min(1024).max(65534).default(3410),
  })
  .parse(process.env);
const DURATION_MS = settings.LOAD_DURATION_S * 1000;
const PORT = settings.SERVER_TEST_PORT + 1;
const RESULTS = path.join("test-results", "server-load.json");

let catalog: ServerCatalog;
let server: AppServer;

beforeAll(async () => {
  ensureBuild();
  catalog = createServerCatalog({ synthetic: 3000 });
  server = await startServer({ dbFile: catalog.dbFile, port: PORT });
});

afterAll(async () => {
  await server?.stop();
  catalog?.cleanup();
});

describe(`${settings.LOAD_CONNECTIONS} visitors for ${settings.LOAD_DURATION_S} s`, () => {
  it(
    "get no server error or dropped connection, and every shelf holds exactly what was acknowledged",
    // Generous: the visitors stop at the deadline, then finish the request in hand (at most 300 s) and check shelves.
    { timeout: DURATION_MS + 600_000 },
    async () => {
      const crowd = Array.from(
        { length: settings.LOAD_CONNECTIONS },
        (_, i) => new BrowsingVisitor(server.url, 5000 + i),
      );
      const started = Date.now();
      const deadline = started + DURATION_MS;
      await Promise.all(crowd.map((visitor) => visitor.browse(() => Date.now() >= deadline)));
      const elapsedMs = Date.now() - started;
      const tally = tallyCrowd(crowd);

      const shelves = await Promise.all(crowd.map((visitor) => visitor.shelfDifferences()));
      for (const visitor of crowd) visitor.close();
      fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
      fs.writeFileSync(
        RESULTS,
        JSON.stringify(
          {
            connections: settings.LOAD_CONNECTIONS,
            durationS: settings.LOAD_DURATION_S,
            elapsedS: elapsedMs / 1000,
            requestsPerSecond: Math.round((tally.requests / elapsedMs) * 10_000) / 10,
            ...tally,
          },
          null,
          2,
        ),
      );

      expect(tally.requests).toBeGreaterThan(0);
      expect(tally.problems, `failed or unexpected answers; the server said:\n${firstErrors(server)}`).toEqual([]);
      expect(tally.byVerdict.failed).toBe(0);
      expect(tally.toggles.failed).toBe(0);
      expect(tally.toggles.acknowledged + tally.toggles.refused).toBeGreaterThan(0);
      expect(tally.staleViews, "pages right after a toggle show the saved state").toEqual([]);
      expect(tally.unsavedToggles, "toggles answered with an error message").toEqual([]);
      for (const [i, differences] of shelves.entries()) expect(differences, `visitor ${i}'s shelf`).toEqual([]);
      expect(errorLines(server.output()), "errors in the server's log").toEqual([]);
    },
  );
});
