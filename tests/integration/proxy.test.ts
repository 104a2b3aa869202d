// proxy.ts and what it runs (lib/mutation-limits.ts, lib/action-ids.ts) called
// as Next calls them, with NextRequest objects; no server. The browser tests
// (tests/e2e/security.spec.ts) check the same against the built app.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { ActionNames, actionIdsInForm, actionIdsOf } from "@/lib/action-ids";
import { clientKey, createMutationLimiter, isMutation, rateClassesOf, rateClassOf } from "@/lib/mutation-limits";
import { RateLimiter, type RateLimits } from "@/lib/rate-limit";
import { signVisitorId, VISITOR_COOKIE } from "@/lib/visitor-token";

const SITE = "http://127.0.0.1:3000";
const SECRET = "s".repeat(40);
const VISITOR_A = "0b6f5a52-6c1e-4a52-9a0e-1f1f7d3c1a01";
const VISITOR_B = "0b6f5a52-6c1e-4a52-9a0e-1f1f7d3c1a02";
const cookieOf = (visitor: string) => `${VISITOR_COOKIE}=${signVisitorId(visitor, SECRET)}`;

/** Action ids as a build would name them. */
const IDS = { toggleBookmark: "40aa", subscribeToDigest: "40bb", makeLinkCode: "40cc", enterLinkCode: "40dd" };
const NAMES = new Map(Object.entries(IDS).map(([name, id]) => [id, name]));

function request(
  pathname: string,
  { method = "POST", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
) {
  return new NextRequest(`${SITE}${pathname}`, {
    method,
    headers: { host: "127.0.0.1:3000", "x-forwarded-for": "10.0.0.7", ...headers },
    body,
  });
}
const actionCall = (id: string, headers: Record<string, string> = {}) =>
  request("/", { headers: { "next-action": id, origin: SITE, ...headers } });

/** A form posted without JavaScript, as React renders a useActionState form. */
function noJsForm(id: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append("$ACTION_REF_1", "");
  form.append("$ACTION_1:0", JSON.stringify({ id, bound: "$@1" }));
  form.append("$ACTION_1:1", "[{}]");
  form.append("$ACTION_KEY", "k0123");
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
/** A Request with a multipart body and its Content-Length, as a browser sends it. */
async function multipart(pathname: string, form: FormData, headers: Record<string, string> = {}) {
  const encoded = new Request(SITE, { method: "POST", body: form });
  const body = await encoded.arrayBuffer();
  return request(pathname, {
    body,
    headers: {
      "content-type": encoded.headers.get("content-type")!,
      "content-length": String(body.byteLength),
      origin: SITE,
      ...headers,
    },
  });
}

const LIMITS: RateLimits = {
  writes: { limit: 3, windowMs: 60_000 },
  subscribe: { limit: 1, windowMs: 600_000 },
  "link-codes": { limit: 2, windowMs: 600_000 },
};

function limiterWith(limits = LIMITS, actionName = (id: string) => NAMES.get(id)) {
  let now = 0;
  const limiter = createMutationLimiter({
    limits,
    actionName,
    verifyVisitor: (cookie) => {
      const dot = cookie.indexOf(".");
      return cookie === signVisitorId(cookie.slice(0, dot), SECRET) ? cookie.slice(0, dot) : null;
    },
    limiter: new RateLimiter({ now: () => now }),
  });
  return { check: (r: Request) => limiter.check(r), advance: (ms: number) => void (now += ms) };
}

/** The statuses of `n` checks of fresh copies of a request: 200 when let through, else the refusal's status. */
async function statuses(
  check: (r: Request) => Promise<Response | null>,
  make: () => Request | Promise<Request>,
  n: number,
) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await check(await make()))?.status ?? 200);
  return out;
}

beforeAll(() => {
  process.env.PAPERSHELF_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.PAPERSHELF_SECRET;
});
afterEach(() => vi.restoreAllMocks());

describe("proxy: Content-Security-Policy", () => {
  it("sends a policy with a fresh nonce on every page, and hands the same policy to Next's renderer", async () => {
    const first = await proxy(request("/", { method: "GET" }));
    const second = await proxy(request("/papers/x", { method: "GET" }));
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(policy).toContain(directive);
    // Next reads the nonce from the request's copy of the header (passed on as an override).
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const nonce = (p: string | null) => /'nonce-([^']+)'/.exec(p ?? "")?.[1];
    expect(nonce(second.headers.get("content-security-policy"))).not.toBe(nonce(policy));
  });

  it("asks for https subresources only when the visitor came over https", async () => {
    const https = await proxy(request("/", { method: "GET", headers: { "x-forwarded-proto": "https" } }));
    const http = await proxy(request("/", { method: "GET", headers: { "x-forwarded-proto": "http" } }));
    expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(http.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });
});

describe("proxy: cross-origin requests", () => {
  it("refuses a POST sent by another site's page with a one-line 403", async () => {
    const response = await proxy(actionCall(IDS.toggleBookmark, { origin: "http://evil.example" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toBe(
      "Cross-origin request refused: this form must be sent from this site's own pages.\n",
    );
  });

  it("lets the same POST through from the site's own pages", async () => {
    const response = await proxy(actionCall(IDS.toggleBookmark));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("lets a mail provider's one-click unsubscribe POST through from anywhere (RFC 8058)", async () => {
    const response = await proxy(request("/unsubscribe?s=1&t=x", { headers: { origin: "https://mail.example" } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("mutation rate limits", () => {
  it("refuses the request after the limit with 429, Retry-After and one plain line", async () => {
    const { check } = limiterWith();
    expect(await statuses(check, () => actionCall(IDS.toggleBookmark), 3)).toEqual([200, 200, 200]);
    const refused = (await check(actionCall(IDS.toggleBookmark)))!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("20");
    expect(refused.headers.get("content-type")).toBe("text/plain");
    expect(await refused.text()).toBe("Too many requests: try again in 20 seconds.\n");
  });

  it("allows the next request once Retry-After has passed", async () => {
    const { check, advance } = limiterWith();
    await statuses(check, () => actionCall(IDS.toggleBookmark), 4);
    advance(19_999);
    expect(await check(actionCall(IDS.toggleBookmark))).not.toBeNull();
    advance(1);
    expect(await check(actionCall(IDS.toggleBookmark))).toBeNull();
  });

  it("limits subscribing and link codes more tightly than bookmark toggles, each class on its own", async () => {
    const { check } = limiterWith();
    expect(await statuses(check, () => actionCall(IDS.subscribeToDigest), 2)).toEqual([200, 429]);
    // Making and entering codes share one bucket.
    const codes = [actionCall(IDS.makeLinkCode), actionCall(IDS.enterLinkCode), actionCall(IDS.makeLinkCode)];
    expect(await statuses(check, () => codes.shift()!, 3)).toEqual([200, 200, 429]);
    expect(await statuses(check, () => actionCall(IDS.toggleBookmark), 3)).toEqual([200, 200, 200]);
  });

  it("recognises the action in a form posted without JavaScript", async () => {
    const { check } = limiterWith();
    const post = () => multipart("/subscribe", noJsForm(IDS.subscribeToDigest, { email: "ada@example.org" }));
    expect(await statuses(check, post, 2)).toEqual([200, 429]);
  });

  it("recognises it in a form sent in chunks, without Content-Length", async () => {
    const { check } = limiterWith();
    const chunked = async () => {
      const sized = await multipart("/subscribe", noJsForm(IDS.subscribeToDigest));
      const bytes = new Uint8Array(await sized.arrayBuffer());
      const body = new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.slice(i, i + 100));
          controller.close();
        },
      });
      const headers = new Headers(sized.headers);
      headers.delete("content-length");
      return new Request(sized.url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
    };
    expect(await statuses(check, chunked, 2)).toEqual([200, 429]);
  });

  it("charges a form to every action it names, so a decoy bookmark field cannot hide a subscribe", async () => {
    const { check } = limiterWith();
    const decoyed = () => {
      const form = noJsForm(IDS.subscribeToDigest);
      const withDecoy = new FormData();
      withDecoy.append(`$ACTION_ID_${IDS.toggleBookmark}`, "");
      for (const [k, v] of form) withDecoy.append(k, v);
      return multipart("/subscribe", withDecoy);
    };
    expect(await statuses(check, decoyed, 2)).toEqual([200, 429]);
  });

  it("gives each visitor (signed cookie) a bucket of their own, and everyone without one their address's", async () => {
    const { check } = limiterWith();
    const as = (headers: Record<string, string>) => () => actionCall(IDS.subscribeToDigest, headers);
    expect(await statuses(check, as({ cookie: cookieOf(VISITOR_A) }), 2)).toEqual([200, 429]);
    expect(await statuses(check, as({ cookie: `theme=dark; ${cookieOf(VISITOR_B)}` }), 2)).toEqual([200, 429]);
    // No cookie, or a forged one: the client's address decides.
    expect(await statuses(check, as({}), 1)).toEqual([200]);
    expect(await statuses(check, as({ cookie: `${VISITOR_COOKIE}=${VISITOR_A}.forged` }), 1)).toEqual([429]);
    expect(await statuses(check, as({ "x-forwarded-for": "10.0.0.8" }), 1)).toEqual([200]);
  });

  it("limits the email links that change something, and never reads", async () => {
    const { check } = limiterWith({ ...LIMITS, writes: { limit: 1, windowMs: 60_000 } });
    const get = (pathname: string) => () => request(pathname, { method: "GET" });
    expect(await statuses(check, get("/unsubscribe?s=1&t=x"), 2)).toEqual([200, 429]);
    expect(await statuses(check, get("/"), 5)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(check, get("/api/suggest?q=mat"), 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it("lets everything through for a class that is off", async () => {
    const { check } = limiterWith({ ...LIMITS, writes: null });
    expect((await statuses(check, () => actionCall(IDS.toggleBookmark), 100)).every((s) => s === 200)).toBe(true);
  });

  it("lets the request through, and says so once in the log, when the limiter itself fails", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { check } = limiterWith(LIMITS, () => {
      throw new Error("manifest exploded");
    });
    expect(await statuses(check, () => actionCall(IDS.subscribeToDigest), 5)).toEqual([200, 200, 200, 200, 200]);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain("manifest exploded");
  });
});

describe("clientKey", () => {
  const verify = (c: string) => (c === "good" ? VISITOR_A : null);
  it("uses the last X-Forwarded-For entry, the one a client cannot choose", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientKey(headers, verify)).toBe("ip:203.0.113.9");
    expect(clientKey(new Headers(), verify)).toBe("ip:unknown");
    expect(clientKey(new Headers({ cookie: `${VISITOR_COOKIE}=good` }), verify)).toBe(`visitor:${VISITOR_A}`);
  });
});

describe("isMutation and rateClassOf", () => {
  it("counts every method but GET, HEAD and OPTIONS, and the two GET links that change something", () => {
    expect(["POST", "PUT", "PATCH", "DELETE"].every((m) => isMutation(m, "/"))).toBe(true);
    expect(isMutation("GET", "/")).toBe(false);
    expect(isMutation("HEAD", "/")).toBe(false);
    // Next answers HEAD with a route's GET handler, so HEAD on a link unsubscribes as well.
    expect(isMutation("HEAD", "/unsubscribe")).toBe(true);
    expect(isMutation("OPTIONS", "/")).toBe(false);
    expect(isMutation("GET", "/subscribe/confirm")).toBe(true);
    expect(isMutation("GET", "/unsubscribe")).toBe(true);
  });

  it("puts unknown actions, and POSTs that are no action, with the other writes", () => {
    expect(rateClassOf("subscribeToDigest")).toBe("subscribe");
    expect(rateClassOf("toggleBookmark")).toBe("writes");
    expect(rateClassOf("constructor")).toBe("writes");
    expect(rateClassOf(undefined)).toBe("writes");
    expect(rateClassesOf([])).toEqual(["writes"]);
    expect(rateClassesOf(["makeLinkCode", "enterLinkCode", undefined])).toEqual(["link-codes", "writes"]);
  });
});

describe("action ids", () => {
  it("reads the ids a form posted without JavaScript names, as React's decodeAction does", () => {
    const plain = new FormData();
    plain.append("$ACTION_ID_7f00", "");
    expect(actionIdsInForm(plain)).toEqual(["7f00"]);
    expect(actionIdsInForm(noJsForm("40bb"))).toEqual(["40bb"]);
    // Any prefix after $ACTION_REF_, not only React's numbers.
    const named = new FormData();
    named.append("$ACTION_REF_x", "");
    named.append("$ACTION_x:0", JSON.stringify({ id: "40cc", bound: null }));
    expect(actionIdsInForm(named)).toEqual(["40cc"]);
    const notAction = new FormData();
    notAction.append("$ACTION_REF_1", "");
    notAction.append("$ACTION_1:0", "{not json");
    notAction.append("q", "x");
    expect(actionIdsInForm(notAction)).toEqual([]);
  });

  it("prefers the Next-Action header, and reads no body that is not a form Next could run", async () => {
    expect(await actionIdsOf(actionCall("40aa"))).toEqual(["40aa"]);
    expect(await actionIdsOf(await multipart("/", noJsForm("40bb")))).toEqual(["40bb"]);
    const big = await multipart("/", noJsForm("40bb"), { "content-length": String(2 * 1024 * 1024) });
    expect(await actionIdsOf(big)).toEqual([]);
    const padded = noJsForm("40bb", { pad: "x".repeat(1200 * 1024) });
    const bigChunked = await multipart("/", padded);
    bigChunked.headers.delete("content-length");
    expect(await actionIdsOf(bigChunked)).toEqual([]);
    expect(await actionIdsOf(request("/", { body: "a=1", headers: { "content-type": "text/plain" } }))).toEqual([]);
  });

  describe("ActionNames", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "papershelf-actions-"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const writeManifest = (file: string, node: Record<string, object>, mtime: number) => {
      fs.writeFileSync(file, JSON.stringify({ node, edge: {}, encryptionKey: "k" }));
      fs.utimesSync(file, mtime, mtime);
    };

    it("names actions from the build's manifest, and reads it again when it changed", () => {
      const file = path.join(dir, "server-reference-manifest.json");
      writeManifest(
        file,
        { "40aa": { workers: {}, filename: "lib/actions/shelf.ts", exportedName: "makeLinkCode" } },
        1,
      );
      const names = new ActionNames([file]);
      expect(names.nameOf("40aa")).toBe("makeLinkCode");
      expect(names.nameOf("40ff")).toBeUndefined();
      writeManifest(file, { "40ff": { exportedName: "subscribeToDigest" } }, 2);
      expect(names.nameOf("40ff")).toBe("subscribeToDigest");
    });

    it("names nothing, without throwing, when there is no manifest or it is not one", () => {
      const bad = path.join(dir, "bad.json");
      fs.writeFileSync(bad, '{"node": 5}');
      expect(new ActionNames([path.join(dir, "missing.json"), bad]).nameOf("40aa")).toBeUndefined();
    });
  });
});
