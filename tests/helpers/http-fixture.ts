// A throwaway HTTP server on 127.0.0.1 for tests that fetch over the network
// (the tests have no internet). Each test gives it routes: a fixed response, a
// list played back one per request, or a function of the request. It records
// every request and can misbehave on purpose: answer late, stall mid-body, or
// stream chunks without a Content-Length.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";

export type FixtureResponse = {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent with a Content-Length (unless `headers` or `stallBody` say otherwise). */
  body?: string | Uint8Array;
  /** Wait this long before sending the headers. */
  delayMs?: number;
  /** Send the headers (and `body` or `chunks`, if any) and then never finish the response. */
  stallBody?: boolean;
  /** Sent one by one with chunked transfer encoding (no Content-Length), after `body` if both are given. */
  chunks?: (string | Uint8Array)[];
  /** Pause between chunks; default 0. */
  chunkDelayMs?: number;
};

/** One response for every request, a list played in order (the last one repeats), or a function of the request. */
export type Route =
  FixtureResponse | FixtureResponse[] | ((req: IncomingMessage) => FixtureResponse | Promise<FixtureResponse>);

export type RecordedRequest = { method: string; path: string; at: number; headers: IncomingHttpHeaders };

export type FixtureServer = {
  /** "http://127.0.0.1:<port>", no trailing slash. */
  url: string;
  /** Every request received, in order; `path` includes the query string. */
  requests: RecordedRequest[];
  /** Stops the server, cutting off stalled responses and pending delays. Safe to call twice. */
  close(): Promise<void>;
};

/**
 * Serves `routes` (keyed by path; a key with a query string matches only that exact
 * request) on 127.0.0.1 at a free port. Unknown paths get 404.
 */
export async function startFixtureServer(routes: Record<string, Route>): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  async function respond(req: IncomingMessage): Promise<FixtureResponse> {
    const path = req.url ?? "/";
    const key = Object.hasOwn(routes, path) ? path : new URL(path, "http://fixture").pathname;
    const route = Object.hasOwn(routes, key) ? routes[key] : undefined;
    if (route === undefined) return { status: 404, headers: { "content-type": "text/plain" }, body: "not found" };
    if (typeof route === "function") return route(req);
    if (!Array.isArray(route)) return route;
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    const response = route[Math.min(index, route.length - 1)];
    if (!response) throw new Error(`the route for ${key} is an empty list`);
    return response;
  }

  function send(req: IncomingMessage, res: ServerResponse, response: FixtureResponse) {
    // The client may have given up (a timeout test) while this response was delayed.
    if (closed || req.socket.destroyed) return;
    res.statusCode = response.status ?? 200;
    for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
    const chunks = response.chunks ?? [];
    if (!response.stallBody && chunks.length === 0) {
      res.end(response.body ?? "");
      return;
    }
    res.flushHeaders();
    if (response.body !== undefined) res.write(response.body);
    const writeFrom = (i: number) => {
      if (closed || req.socket.destroyed) return;
      const chunk = chunks[i];
      if (chunk === undefined) {
        if (!response.stallBody) res.end();
        return;
      }
      res.write(chunk);
      if (response.chunkDelayMs) later(response.chunkDelayMs, () => writeFrom(i + 1));
      else writeFrom(i + 1);
    };
    writeFrom(0);
  }

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "GET", path: req.url ?? "/", at: Date.now(), headers: req.headers });
    // Writes racing a client that hung up must not crash the test run.
    res.on("error", () => {});
    respond(req).then(
      (response) => {
        if (response.delayMs) later(response.delayMs, () => send(req, res, response));
        else send(req, res, response);
      },
      (error: unknown) => send(req, res, { status: 500, body: `fixture route failed: ${String(error)}` }),
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // server.close() alone would wait for stalled responses and keep-alive sockets.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
