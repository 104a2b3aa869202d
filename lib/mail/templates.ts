// The emails Papershelf sends, as plain text and HTML: the subscription
// confirmation and the digest. Pure: takes data and URLs, returns the message.
// Paper text is untrusted feed text: the HTML is built with escapeHtml on every
// value and links only to this app's own pages (http(s) base URL).
import type { MailMessage } from "@/lib/mail/transport";
import { escapeHtml } from "@/lib/text/escape-html";

export type DigestPaper = {
  slug: string;
  title: string;
  /** Plain text, a sentence or two. */
  excerpt: string;
  topics: string[];
  firstFeedDate: string;
};

const papersWord = (n: number) => `${n} new ${n === 1 ? "paper" : "papers"}`;

/** What a subscription covers, in words: "all topics", "Reinforcement learning + Robotics, matching “diffusion”". */
export function scopeLine(topicNames: string[], query: string): string {
  const topics = topicNames.length ? topicNames.join(" + ") : "all topics";
  return query ? `${topics}, matching “${query}”` : topics;
}

const shell = (body: string) =>
  `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;line-height:1.5;color:#18181b;max-width:40rem;margin:0 auto;padding:1rem">${body}</body></html>`;

const footerHtml = (unsubscribeUrl: string) =>
  `<hr style="border:none;border-top:1px solid #e4e4e7;margin:2rem 0 1rem"><p style="font-size:0.85rem;color:#52525b">You get this because you subscribed to Papershelf digests. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a> with one click.</p>`;

export function confirmationEmail(input: {
  to: string;
  confirmUrl: string;
  scope: string;
  expiresHours: number;
}): MailMessage {
  const text = [
    "Please confirm your Papershelf digest subscription.",
    "",
    `Digest of: ${input.scope}`,
    "",
    `Confirm: ${input.confirmUrl}`,
    "",
    `The link works once and expires in ${input.expiresHours} hours. If you did not ask for this, ignore this email: nothing will be sent to you.`,
  ].join("\n");
  const html = shell(
    `<h1 style="font-size:1.25rem">Confirm your Papershelf digest</h1>` +
      `<p>Digest of: <strong>${escapeHtml(input.scope)}</strong></p>` +
      `<p><a href="${escapeHtml(input.confirmUrl)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:0.5rem 1rem;border-radius:0.375rem;text-decoration:none">Confirm subscription</a></p>` +
      `<p style="font-size:0.85rem;color:#52525b">The link works once and expires in ${input.expiresHours} hours. If you did not ask for this, ignore this email: nothing will be sent to you.</p>`,
  );
  return { to: input.to, subject: "Confirm your Papershelf digest", text, html };
}

export function digestEmail(input: {
  to: string;
  site: string;
  scope: string;
  papers: DigestPaper[];
  /** Papers beyond those listed (the email lists a bounded number). */
  more: number;
  unsubscribeUrl: string;
}): MailMessage {
  const total = input.papers.length + input.more;
  const subject = `Papershelf: ${papersWord(total)} (${input.scope})`;
  const paperUrl = (p: DigestPaper) => `${input.site}/papers/${p.slug}`;
  const text = [
    `${papersWord(total)} since your last digest (${input.scope}).`,
    "",
    ...input.papers.flatMap((p, i) => [`${i + 1}. ${p.title}`, `   ${p.excerpt}`, `   ${paperUrl(p)}`, ""]),
    ...(input.more > 0 ? [`And ${input.more} more: ${input.site}/`, ""] : []),
    "--",
    `Unsubscribe with one click: ${input.unsubscribeUrl}`,
  ].join("\n");
  const items = input.papers
    .map(
      (p) =>
        `<li style="margin-bottom:1rem"><a href="${escapeHtml(paperUrl(p))}" style="font-weight:600;color:#3730a3">${escapeHtml(p.title)}</a>` +
        `<br><span style="font-size:0.9rem">${escapeHtml(p.excerpt)}</span>` +
        (p.topics.length
          ? `<br><span style="font-size:0.8rem;color:#52525b">${escapeHtml(p.topics.join(" · "))}</span>`
          : "") +
        `</li>`,
    )
    .join("");
  const html = shell(
    `<h1 style="font-size:1.25rem">${escapeHtml(papersWord(total))}</h1>` +
      `<p style="color:#52525b">Since your last digest · ${escapeHtml(input.scope)}</p>` +
      `<ol style="padding-left:1.25rem">${items}</ol>` +
      (input.more > 0 ? `<p><a href="${escapeHtml(input.site)}/">And ${input.more} more on Papershelf</a></p>` : "") +
      footerHtml(input.unsubscribeUrl),
  );
  return {
    to: input.to,
    subject,
    text,
    html,
    // RFC 8058: mail clients show their own one-click "Unsubscribe" and POST to it.
    headers: { "List-Unsubscribe": `<${input.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
