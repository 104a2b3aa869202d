// `npm run digest [-- --dry-run [--out DIR]]`: emails each confirmed subscriber
// the papers added since their last digest (lib/digest.ts), through SMTP_URL.
// With --dry-run nothing is sent or recorded: each email is written as an .eml
// file to DIR (default: the outbox, data/outbox). Safe to run from cron and
// twice at once (the second run exits 0). Exits 1 when an email failed, 2 on
// bad arguments or settings.
import path from "node:path";
import { databaseFile } from "@/lib/db/url";
import { runDigest } from "@/lib/digest";
import { acquireLock } from "@/lib/lock";
import { mailerFromEnv, outboxDir, outboxMailer, smtpConfigured } from "@/lib/mail/transport";
import { getSecret } from "@/lib/secret";
import { siteUrl } from "@/lib/site-url";
import { EXIT, fail, openCatalog, parseCommandLine } from "./lib/cli";

const USAGE = "usage: npm run digest [-- --dry-run [--out DIR]]";

async function main() {
  const { values } = parseCommandLine("digest", USAGE, {
    options: { "dry-run": { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const dryRun = Boolean(values["dry-run"]);
  if (values.out !== undefined && !dryRun) fail("digest", `--out is for --dry-run (${USAGE})`, EXIT.usage);
  if (!dryRun && !smtpConfigured()) {
    fail(
      "digest",
      "SMTP_URL is not set: set it to send, or use --dry-run to write the emails as .eml files",
      EXIT.usage,
    );
  }
  let mailer, site;
  try {
    site = siteUrl();
    mailer = dryRun ? outboxMailer(values.out ? path.resolve(values.out) : outboxDir()) : mailerFromEnv();
  } catch (error) {
    fail("digest", error, EXIT.usage);
  }
  const lock = acquireLock(`${databaseFile()}.digest.lock`);
  if ("heldBy" in lock) {
    process.stdout.write(`another digest is running (pid ${lock.heldBy}); nothing to do\n`);
    process.exit(EXIT.ok);
  }
  const db = openCatalog();
  try {
    const outcomes = await runDigest(db, { mailer, site, secret: getSecret(), dryRun });
    for (const o of outcomes) {
      const what = o.status === "sent" ? (dryRun ? "written" : "sent") : o.status;
      process.stdout.write(
        `${o.email}: ${what}${o.papers ? ` (${o.papers} paper${o.papers === 1 ? "" : "s"})` : ""}${o.message ? `: ${o.message}` : ""}\n`,
      );
    }
    const sent = outcomes.filter((o) => o.status === "sent").length;
    const failed = outcomes.filter((o) => o.status === "failed").length;
    process.stdout.write(
      `${dryRun ? "wrote" : "sent"} ${sent} digest${sent === 1 ? "" : "s"}${dryRun ? ` to ${mailer.describe}` : ` via ${mailer.describe}`}, ${failed} failed\n`,
    );
    if (failed) process.exitCode = EXIT.failed;
  } finally {
    db.close();
    lock.release();
  }
}

void main();
