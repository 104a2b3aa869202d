// Tags the new papers of a large feed on worker threads while the ingest writes
// the catalog: tagging (tokenizing, folding and scoring every word twice) is
// most of an ingest's work, and it is pure, so other cores can do it ahead of
// the one writing. The ingest stays synchronous: when it reaches a paper whose
// tags are not back yet, it blocks on a shared counter (Atomics.wait) until the
// worker posts them, and reads them with receiveMessageOnPort. Any failure (no
// worker threads, a worker that cannot load the tagger, one that stalls) falls
// back to tagging on the ingest's own thread, so results never depend on it.
import os from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { tagPaper, type Tagging } from "@/lib/topics/tagger";

/** Papers per message: small enough that the writer rarely waits, large enough to keep messages few. */
const CHUNK = 200;
/** The longest the writer waits for one chunk before tagging it itself. */
const WAIT_MS = 30_000;

type Lane = {
  worker: Worker;
  port: MessagePort;
  /** Chunks posted so far (-1: the worker failed), shared with the worker. */
  done: Int32Array;
  received: number;
  /** Chunks this lane was given. */
  total: number;
  failed: boolean;
};

export type PendingTags = {
  /** The tags of paper `index` (its position in the list given), from a worker or tagged now. */
  take(index: number, title: string, abstract: string): Tagging;
  /** How many taggings came from workers and how many were computed by take() itself. */
  readonly counts: { fromWorkers: number; inline: number };
  /** Stops the workers. */
  close(): void;
};

/**
 * How many worker threads a feed gets: one per core, at most four. Tagging is
 * most of the work, so on two cores two taggers and the writer (which waits
 * whenever it is ahead) finish sooner than one tagger beside the writer.
 */
export function tagThreads(): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

/**
 * Starts tagging `papers` (null entries are skipped: papers the writer will not
 * need tags for) on `threads` workers, chunks dealt out in turn so the workers
 * move through the feed together, in the order the writer needs them.
 */
export function tagInBackground(
  papers: ({ title: string; abstract: string } | null)[],
  threads = tagThreads(),
): PendingTags {
  const results = new Map<number, Tagging>();
  const laneOf = new Map<number, number>();
  const lanes: Lane[] = [];
  try {
    const chunks: { start: number; items: ([string, string] | null)[] }[][] = Array.from({ length: threads }, () => []);
    for (let start = 0, n = 0; start < papers.length; start += CHUNK, n++) {
      const items = papers.slice(start, start + CHUNK);
      if (items.every((p) => p === null)) continue;
      chunks[n % threads]!.push({
        start,
        items: items.map((p) => (p ? [p.title, p.abstract] : null)),
      });
      items.forEach((p, k) => p && laneOf.set(start + k, n % threads));
    }
    const tagger = new URL("./tagger.ts", import.meta.url).href;
    for (let t = 0; t < threads; t++) {
      const { port1, port2 } = new MessageChannel();
      const counter = new SharedArrayBuffer(4);
      const worker = new Worker(new URL("./tag-worker.mjs", import.meta.url), {
        workerData: { tagger, chunks: chunks[t], port: port2, counter },
        transferList: [port2],
      });
      // Errors surface through the counter; an unhandled 'error' event must not end the ingest.
      worker.on("error", () => {});
      worker.unref();
      lanes.push({
        worker,
        port: port1,
        done: new Int32Array(counter),
        received: 0,
        total: chunks[t]!.length,
        failed: false,
      });
    }
  } catch {
    for (const lane of lanes) void lane.worker.terminate();
    lanes.length = 0;
  }

  /** Reads what lane `l` has posted; false when it failed or stalled. */
  const drain = (lane: Lane): boolean => {
    for (let m = receiveMessageOnPort(lane.port); m; m = receiveMessageOnPort(lane.port)) {
      const message = m.message as { start: number; taggings: (Tagging | null)[] } | { error: string };
      if ("error" in message) return !(lane.failed = true);
      // Papers it was not given come back as null: take() tags them itself if asked.
      message.taggings.forEach((tagging, i) => tagging && results.set(message.start + i, tagging));
      lane.received++;
    }
    return !lane.failed;
  };

  const counts = { fromWorkers: 0, inline: 0 };
  return {
    counts,
    take(index, title, abstract) {
      const lane = lanes[laneOf.get(index) ?? -1];
      while (lane && !lane.failed && !results.has(index)) {
        if (!drain(lane) || results.has(index) || lane.received >= lane.total) break;
        // Wait until the worker has posted more than we have read.
        const posted = Atomics.load(lane.done, 0);
        if (posted < 0) lane.failed = true;
        else if (posted <= lane.received && Atomics.wait(lane.done, 0, posted, WAIT_MS) === "timed-out") {
          lane.failed = true;
        }
      }
      const tagging = results.get(index);
      results.delete(index);
      if (tagging) counts.fromWorkers++;
      else counts.inline++;
      return tagging ?? tagPaper(title, abstract);
    },
    close() {
      for (const lane of lanes) {
        lane.port.close();
        void lane.worker.terminate();
      }
    },
  };
}
