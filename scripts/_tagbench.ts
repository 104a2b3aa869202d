import fs from "node:fs";
import { tagPaper } from "@/lib/topics/tagger";
import { SyntheticGenerator } from "./lib/synthetic-feed";
const papers = new SyntheticGenerator(42).catalog(30000).papers;
const t0 = performance.now();
for (const p of papers) tagPaper(p.title, p.abstract);
const ms = performance.now() - t0;
console.log(`tagPaper: ${(papers.length / (ms / 1000)).toFixed(0)} papers/s (${ms.toFixed(0)} ms for ${papers.length})`);
