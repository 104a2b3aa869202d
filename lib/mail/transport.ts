// Sending email, through nodemailer: SMTP when SMTP_URL is set (e.g.
// smtp://user:pass@mail.example.org:587), otherwise each message is written as
// an .eml file to the outbox folder (PAPERSHELF_OUTBOX, default data/outbox), so
// a machine without a mail server still shows exactly what would be sent.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { z } from "zod";
import { databaseFile } from "@/lib/db/url";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

export type Mailer = {
  /** "SMTP mail.example.org:587" or "the outbox data/outbox", for messages. */
  describe: string;
  send: (message: MailMessage) => Promise<{ messageId: string; file?: string }>;
};

const DEFAULT_FROM = "Papershelf <papershelf@localhost>";

const envSchema = z.object({
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^smtps?:\/\/[^\s]+$/i.test(v), "SMTP_URL must look like smtp://user:password@host:587"),
  MAIL_FROM: z.string().trim().max(200, "MAIL_FROM is too long").optional(),
  PAPERSHELF_OUTBOX: z.string().trim().optional(),
});

/** The outbox folder: PAPERSHELF_OUTBOX, or "outbox" beside the catalog. */
export function outboxDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.PAPERSHELF_OUTBOX?.trim();
  return configured
    ? path.resolve(configured)
    : path.join(path.dirname(databaseFile(env.DATABASE_URL || undefined)), "outbox");
}

/** Writes messages as .eml files into `dir` instead of sending them. */
export function outboxMailer(dir: string, from = DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let sequence = 0;
  return {
    describe: `the outbox ${path.relative(process.cwd(), dir) || dir}`,
    send: async (message) => {
      const info = await transport.sendMail({ from, ...message });
      fs.mkdirSync(dir, { recursive: true });
      // Sortable, unique names: time, then a counter for messages within one millisecond.
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const name = `${stamp}-${String(++sequence).padStart(4, "0")}-${message.to.replace(/[^a-z0-9@._-]/gi, "_")}.eml`;
      const file = path.join(dir, name);
      fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      return { messageId: info.messageId, file };
    },
  };
}

/** The mailer the environment asks for. Throws a one-line message for a malformed setting. */
export function mailerFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Mailer {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  const from = parsed.data.MAIL_FROM || DEFAULT_FROM;
  const smtp = parsed.data.SMTP_URL;
  if (!smtp) return outboxMailer(outboxDir(env), from);
  const transport = nodemailer.createTransport(smtp);
  const where = new URL(smtp);
  return {
    describe: `SMTP ${where.hostname}:${where.port || (where.protocol === "smtps:" ? 465 : 587)}`,
    send: async (message) => {
      const info = await transport.sendMail({ from, ...message });
      return { messageId: info.messageId };
    },
  };
}

/** Whether SMTP_URL is set (digests refuse to run without it unless --dry-run). */
export const smtpConfigured = (env: Readonly<Record<string, string | undefined>> = process.env) =>
  Boolean(env.SMTP_URL?.trim());
