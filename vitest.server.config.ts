// Vitest for the server tests (tests/server): the production build run as a
// real process and driven over HTTP by simulated visitors, with ingests
// alongside. They need a current build and most of the machine, so they run
// one file at a time, in their own stage of `npm test` after the build.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/server/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
