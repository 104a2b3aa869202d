import { describe, expect, it } from "vitest";
import { confirmationEmail, digestEmail, scopeLine } from "@/lib/mail/templates";
import {
  hashToken,
  newConfirmToken,
  unsubscribeToken,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from "@/lib/mail/tokens";
import { escapeHtml } from "@/lib/text/escape-html";

const SECRET = "s".repeat(40);

describe("email tokens", () => {
  it("stores only a hash of the confirmation token, and every token is new", () => {
    const a = newConfirmToken();
    const b = newConfirmToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });

  it("accepts an unsubscribe link only for the subscriber it was made for", () => {
    const token = unsubscribeToken(7, SECRET);
    expect(verifyUnsubscribeToken(7, token, SECRET)).toBe(true);
    expect(verifyUnsubscribeToken(8, token, SECRET)).toBe(false);
    expect(verifyUnsubscribeToken(7, token, "t".repeat(40))).toBe(false);
    expect(verifyUnsubscribeToken(7, token.slice(1), SECRET)).toBe(false);
    expect(unsubscribeUrl("https://p.example", 7, SECRET)).toBe(`https://p.example/unsubscribe?s=7&t=${token}`);
  });
});

describe("email bodies", () => {
  const hostile = `Attack <script>alert("x")</script> & <img src=x onerror=alert(1)>`;

  it("show hostile paper text as text in the HTML part, never as markup", () => {
    const mail = digestEmail({
      to: "a@example.org",
      site: "https://p.example",
      scope: scopeLine([], ""),
      papers: [{ slug: "attack", title: hostile, excerpt: hostile, topics: ["Vision"], firstFeedDate: "2026-11-27" }],
      more: 0,
      unsubscribeUrl: "https://p.example/unsubscribe?s=1&t=abc",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain(escapeHtml(hostile));
    expect(mail.text).toContain(hostile);
  });

  it("count the papers, list the rest as a link, and carry a one-click unsubscribe in body and headers", () => {
    const papers = [1, 2].map((i) => ({
      slug: `p-${i}`,
      title: `Paper ${i}`,
      excerpt: "An excerpt.",
      topics: [],
      firstFeedDate: "2026-11-27",
    }));
    const mail = digestEmail({
      to: "a@example.org",
      site: "https://p.example",
      scope: scopeLine(["Vision", "Code"], "diffusion"),
      papers,
      more: 3,
      unsubscribeUrl: "https://p.example/unsubscribe?s=1&t=abc",
    });
    expect(mail.subject).toBe("Papershelf: 5 new papers (Vision + Code, matching “diffusion”)");
    expect(mail.text).toContain("And 3 more: https://p.example/");
    expect(mail.text).toContain("https://p.example/papers/p-2");
    expect(mail.text).toContain("Unsubscribe with one click: https://p.example/unsubscribe?s=1&t=abc");
    expect(mail.html).toContain('href="https://p.example/unsubscribe?s=1&amp;t=abc"');
    expect(mail.headers).toEqual({
      "List-Unsubscribe": "<https://p.example/unsubscribe?s=1&t=abc>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("ask for confirmation with the link, what the digest covers, and how long the link lasts", () => {
    const mail = confirmationEmail({
      to: "a@example.org",
      confirmUrl: "https://p.example/subscribe/confirm?token=abc",
      scope: "all topics",
      expiresHours: 24,
    });
    expect(mail.text).toContain("Confirm: https://p.example/subscribe/confirm?token=abc");
    expect(mail.text).toContain("expires in 24 hours");
    expect(mail.html).toContain('href="https://p.example/subscribe/confirm?token=abc"');
  });
});
