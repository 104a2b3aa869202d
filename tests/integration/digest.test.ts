// The email digest end to end, as a subscriber lives it: subscribe with the form's
// server action, get the confirmation email (written to the outbox, no SMTP_URL),
// follow its link, then `npm run digest` delivers the papers added since to an
// SMTP server this test runs on 127.0.0.1, with a working one-click unsubscribe
// link, and never the same digest twice.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { NextRequest } from "next/server";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { context } from "@/tests/helpers/request-context";

vi.mock("next/headers", () => ({ cookies: async () => ({}), headers: async () => context.headers }));

const { subscribeToDigest } = await import("@/lib/actions/subscribe");
const confirmRoute = await import("@/app/subscribe/confirm/route");
const unsubscribeRoute = await import("@/app/unsubscribe/route");
const { ingestFeedFile } = await import("@/lib/ingest-file");
const { createTempCatalog, tempDir, textPage, abstractFor, writeFeed } = await import("@/tests/helpers/catalog");
const { runScriptAsync } = await import("@/tests/helpers/run");

const SITE = "http://papershelf.test";
const SECRET = "digest-test-secret-".repeat(3);

let cat: ReturnType<typeof createTempCatalog>;
let outbox: string;
let smtp: SMTPServer;
let smtpPort: number;
let received: ParsedMail[] = [];

beforeAll(async () => {
  cat = createTempCatalog();
  outbox = tempDir("papershelf-outbox-");
  Object.assign(process.env, {
    DATABASE_URL: cat.url,
    PAPERSHELF_SECRET: SECRET,
    PAPERSHELF_URL: SITE,
    PAPERSHELF_OUTBOX: outbox,
    SMTP_URL: "",
  });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  cat.cleanup();
  fs.rmSync(outbox, { recursive: true, force: true });
});
beforeEach(() => {
  received = [];
});

const form = (fields: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
};

/** Ingests papers with these titles as a new day, and returns nothing: they are "added" now. */
let day = 10;
function ingestPapers(titles: string[]) {
  const file = writeFeed(cat.dir, `day-${day}.txt`, textPage(titles.map((t) => [t, abstractFor(t.toLowerCase())])));
  ingestFeedFile(cat.db, file, { date: `2026-03-${day++}`, today: "2026-11-29" });
}

const outboxMails = async () =>
  Promise.all(
    fs
      .readdirSync(outbox)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .map((f) => simpleParser(fs.readFileSync(path.join(outbox, f)))),
  );

const linkIn = (mail: ParsedMail, pattern: RegExp) => {
  const match = (mail.text ?? "").match(pattern);
  expect(match, `no link like ${pattern} in:\n${mail.text}`).toBeTruthy();
  return match![0];
};

/** Calls a route handler as the browser following a link would. */
const follow = async (handler: (r: NextRequest) => Promise<Response>, url: string) => {
  const response = await handler(new NextRequest(url.replace(SITE, "http://localhost:3000")));
  return { status: response.status, location: response.headers.get("location") ?? "" };
};

const digest = (...args: string[]) =>
  runScriptAsync("scripts/digest.ts", args, {
    DATABASE_URL: cat.url,
    PAPERSHELF_SECRET: SECRET,
    PAPERSHELF_URL: SITE,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  });

const subscriberStatus = (email: string) =>
  (cat.db.prepare("SELECT status FROM Subscriber WHERE email = ?").get(email) as { status: string } | undefined)
    ?.status;

async function subscribeAndConfirm(fields: [string, string][]) {
  const before = (await outboxMails()).length;
  const state = await subscribeToDigest({}, form(fields));
  expect(state.error).toBeUndefined();
  const mails = await outboxMails();
  expect(mails).toHaveLength(before + 1);
  const confirmation = mails.at(-1)!;
  const link = linkIn(confirmation, /http:\/\/papershelf\.test\/subscribe\/confirm\?token=[\w-]+/);
  const result = await follow(confirmRoute.GET, link);
  expect(result.status).toBe(303);
  expect(result.location).toMatch(/\/subscribe\?confirmed=1$/);
  return { confirmation, link };
}

describe("the email digest", () => {
  it("asks to confirm by email first, and the link confirms exactly once", async () => {
    ingestPapers(["Old Paper Before Anyone Subscribed"]);
    const { confirmation, link } = await subscribeAndConfirm([["email", "  Ada@Example.ORG "]]);
    expect(confirmation.to).toMatchObject({ text: "ada@example.org" });
    expect(confirmation.subject).toBe("Confirm your Papershelf digest");
    expect(confirmation.html).toContain("Confirm subscription");
    expect(subscriberStatus("ada@example.org")).toBe("confirmed");
    const again = await follow(confirmRoute.GET, link);
    expect(again.location).toMatch(/\/subscribe\?error=invalid$/);
  });

  it("answers a bad address with a one-line message and stores nothing", async () => {
    const state = await subscribeToDigest({}, form([["email", "not-an-address"]]));
    expect(state.error).toBe("Enter a valid email address, like ada@example.org");
    expect(subscriberStatus("not-an-address")).toBeUndefined();
  });

  it("says the same to someone subscribing an address that is already confirmed, and sends it nothing", async () => {
    const before = (await outboxMails()).length;
    const state = await subscribeToDigest({}, form([["email", "ada@example.org"]]));
    expect(state.message).toMatch(/Check your inbox at ada@example.org/);
    expect((await outboxMails()).length).toBe(before);
  });

  it("delivers the papers added since confirming, in HTML and text, to each subscriber's topics and search", async () => {
    await subscribeAndConfirm([
      ["email", "rl@example.org"],
      ["topic", "robotics-agents"],
    ]);
    await subscribeAndConfirm([
      ["email", "search@example.org"],
      ["q", "diffusion"],
    ]);
    const pending = await subscribeToDigest({}, form([["email", "pending@example.org"]]));
    expect(pending.ok).toBe(true);

    ingestPapers([
      "Policy Optimization for Reinforcement Learning Agents with Reward Models",
      "Latent Diffusion Models for Image Synthesis at Scale",
    ]);
    const run = await digest();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/sent 3 digests via SMTP 127\.0\.0\.1:\d+, 0 failed/);

    const to = (address: string) => received.find((m) => JSON.stringify(m.to).includes(address));
    expect(received).toHaveLength(3);
    expect(to("pending@example.org")).toBeUndefined();

    const ada = to("ada@example.org")!;
    expect(ada.subject).toBe("Papershelf: 2 new papers (all topics)");
    expect(received.find((m) => JSON.stringify(m.to).includes("rl@example.org"))!.subject).toBe(
      "Papershelf: 1 new paper (Robotics, agents & embodiment)",
    );
    expect(ada.text).toContain("Policy Optimization for Reinforcement Learning Agents with Reward Models");
    expect(ada.text).toContain("Latent Diffusion Models for Image Synthesis at Scale");
    expect(ada.text).not.toContain("Old Paper Before Anyone Subscribed");
    expect(ada.html).toContain("Latent Diffusion Models for Image Synthesis at Scale");
    expect(ada.html).toMatch(/href="http:\/\/papershelf\.test\/papers\/latent-diffusion-models[\w-]*"/);

    const rl = to("rl@example.org")!;
    expect(rl.text).toContain("Policy Optimization for Reinforcement Learning");
    expect(rl.text).not.toContain("Latent Diffusion");

    const search = to("search@example.org")!;
    expect(search.subject).toMatch(/matching “diffusion”/);
    expect(search.text).toContain("Latent Diffusion Models");
    expect(search.text).not.toContain("Policy Optimization");

    for (const mail of received) {
      // Long headers are folded onto continuation lines; unfold them to read the value.
      const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, " ");
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(header("list-unsubscribe")).toMatch(
        /^List-Unsubscribe: <http:\/\/papershelf\.test\/unsubscribe\?s=\d+&t=[\w-]+>$/,
      );
      expect(mail.text).toMatch(/Unsubscribe with one click: http:\/\/papershelf\.test\/unsubscribe\?s=\d+&t=[\w-]+/);
    }
  });

  it("never sends the same digest twice: a second run with nothing new sends nothing", async () => {
    const run = await digest();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/sent 0 digests/);
    expect(received).toHaveLength(0);
    const deliveries = cat.db.prepare("SELECT status, count(*) AS n FROM DigestDelivery GROUP BY status").all();
    expect(deliveries).toEqual([{ status: "sent", n: 3 }]);
  });

  it("unsubscribes with one click on the link, and the next digest skips that address", async () => {
    ingestPapers(["Embodied Robot Agents That Follow Household Instructions"]);
    // The unsubscribe link comes from a digest, as a subscriber would find it.
    const dry = await runScriptAsync("scripts/digest.ts", ["--dry-run", "--out", path.join(cat.dir, "dry")], {
      DATABASE_URL: cat.url,
      PAPERSHELF_SECRET: SECRET,
      PAPERSHELF_URL: SITE,
      SMTP_URL: "",
    });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/wrote 2 digests to the outbox/);
    const drafts = await Promise.all(
      fs.readdirSync(path.join(cat.dir, "dry")).map((f) => simpleParser(fs.readFileSync(path.join(cat.dir, "dry", f)))),
    );
    const rlDraft = drafts.find((m) => JSON.stringify(m.to).includes("rl@example.org"))!;
    const link = linkIn(rlDraft, /http:\/\/papershelf\.test\/unsubscribe\?s=\d+&t=[\w-]+/);

    const forged = await follow(unsubscribeRoute.GET, link.replace(/t=[\w-]+/, "t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    expect(forged.location).toMatch(/error=invalid$/);
    expect(subscriberStatus("rl@example.org")).toBe("confirmed");

    const result = await follow(unsubscribeRoute.GET, link);
    expect(result.location).toMatch(/\/subscribe\?unsubscribed=1$/);
    expect(subscriberStatus("rl@example.org")).toBe("unsubscribed");

    const run = await digest();
    expect(run.status).toBe(0);
    expect(received.map((m) => JSON.stringify(m.to))).toEqual([expect.stringContaining("ada@example.org")]);
  });

  it("keeps the papers of a digest the mail server refused for the next run", async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const refusingPort = (refusing.server.address() as AddressInfo).port;
    try {
      ingestPapers(["Vision Transformers for Satellite Imagery"]);
      const failed = await runScriptAsync("scripts/digest.ts", [], {
        DATABASE_URL: cat.url,
        PAPERSHELF_SECRET: SECRET,
        PAPERSHELF_URL: SITE,
        SMTP_URL: `smtp://127.0.0.1:${refusingPort}`,
      });
      expect(failed.status).toBe(1);
      expect(failed.stdout).toMatch(/ada@example\.org: failed \(1 paper\): .*mailbox unavailable/);
      expect(cat.db.prepare("SELECT count(*) AS n FROM DigestDelivery WHERE status = 'failed'").get()).toEqual({
        n: 1,
      });
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
    const retry = await digest();
    expect(retry.status).toBe(0);
    const ada = received.find((m) => JSON.stringify(m.to).includes("ada@example.org"));
    expect(ada?.text).toContain("Vision Transformers for Satellite Imagery");
  });

  it("refuses to send without SMTP_URL unless it is a dry run", async () => {
    const run = await runScriptAsync("scripts/digest.ts", [], { DATABASE_URL: cat.url, SMTP_URL: "" });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      "digest: SMTP_URL is not set: set it to send, or use --dry-run to write the emails as .eml files",
    );
  });
});
