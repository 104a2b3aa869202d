// The production server as a real process, for tests that exercise it over
// HTTP: `tsx scripts/start.ts --no-build` (migrations, then `next start`) on
// 127.0.0.1 with the test's own SQLite file, waited for until it answers, and
// stopped with its whole process group. Builds first when the build in .next is
// missing or stale (npm test builds before this stage, so it normally does not).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { buildNeeded, runBuild } from "@/scripts/lib/build";

export type AppServer = {
  url: string;
  port: number;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
};

/** Builds the app when .next is missing or older than the sources; throws when the build fails. */
export function ensureBuild(): void {
  const reason = buildNeeded();
  if (!reason) return;
  process.stderr.write(`Building Papershelf for the server tests (${reason})...\n`);
  if (runBuild() !== 0) throw new Error("next build failed; see its output above");
}

/**
 * Starts the built app on 127.0.0.1:`port` with the SQLite file `dbFile`
 * (migrations applied at start) and resolves once GET /api/papers answers 200.
 */
export async function startServer(opts: {
  dbFile: string;
  port: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<AppServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  // Another server already there would answer the readiness probe instead of ours.
  await assertPortFree(opts.port);
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/start.ts", "--no-build"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      NODE_ENV: "production",
      DATABASE_URL: `file:${opts.dbFile}`,
      PORT: String(opts.port),
      PAPERSHELF_HOST: "127.0.0.1",
      ...opts.env,
    },
    // Its own process group, so stop() reaches next start's workers too.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (output += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (output += s));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: AppServer = { url, port: opts.port, output: () => output, stop: () => stop(child, exited) };
  try {
    await waitUntilReady(`${url}/api/papers?limit=1`, exited, opts.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  return server;
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(`127.0.0.1:${port} is taken (${error.code}); set SERVER_TEST_PORT to another port`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function waitUntilReady(probe: string, exited: Promise<number | null>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`the server exited (code ${gone}) before answering`);
    try {
      const response = await fetch(probe, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    // Polling a port that is not open yet: the one wait with no event to wait for.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${probe} within ${timeoutMs} ms`);
}

async function stop(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid!;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return; // Already gone.
  }
  const killLater = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }, 10_000);
  await exited;
  clearTimeout(killLater);
}

/** Lines where the server reported an error (a failed request, a failed index build). */
export const errorLines = (output: string) => output.split("\n").filter((l) => /⨯|\bError\b|SQLITE_|P\d{4}/.test(l));

/** The server's first error report with some context, for failure messages. */
export function firstErrors(server: AppServer): string {
  const lines = server.output().split("\n");
  const first = lines.findIndex((l) => /⨯|\bError\b/.test(l));
  return first < 0 ? "(nothing)" : lines.slice(first, first + 40).join("\n");
}
