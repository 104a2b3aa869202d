// A worker thread of lib/topics/parallel.ts: tags its chunks of papers with
// tagPaper, in order, posting each chunk's taggings as soon as it is done and
// counting the chunks in a shared counter the ingest's thread waits on.
// Plain JavaScript so it starts anywhere; the tagger itself is TypeScript,
// loaded through tsx (which the ingest runs under; workers do not inherit its
// loader). If that fails, the counter says so at once and the ingest tags
// those papers itself.
import { workerData } from "node:worker_threads";

const { tagger, chunks, port, counter } = workerData;
const done = new Int32Array(counter);

function signal(value) {
  Atomics.store(done, 0, value);
  Atomics.notify(done, 0);
}

/** The tagger module: directly where TypeScript loads (a TS-aware runtime), else through tsx's loader. */
async function loadTagger() {
  try {
    return await import(tagger);
  } catch (error) {
    if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    const { tsImport } = await import("tsx/esm/api");
    return await tsImport(tagger, import.meta.url);
  }
}

try {
  const { tagPaper } = await loadTagger();
  for (const chunk of chunks) {
    const taggings = chunk.items.map((item) => (item ? tagPaper(item[0], item[1]) : null));
    port.postMessage({ start: chunk.start, taggings });
    signal(Atomics.load(done, 0) + 1);
  }
} catch (error) {
  port.postMessage({ error: String(error) });
  signal(-1);
}
// Stay until the ingest is done reading (it terminates the worker), so no posted chunk is lost.
port.once("message", () => port.close());
