// The bundled sample feed, parsed once for tests that need real papers.
import fs from "node:fs";
import { readFeed } from "@/lib/feed/index";
import { SAMPLE_FEED } from "@/lib/ingest-file";

export const SAMPLE_TODAY = "2026-11-29";

export function sampleRecords() {
  return readFeed(fs.readFileSync(SAMPLE_FEED), { today: SAMPLE_TODAY }).records;
}
