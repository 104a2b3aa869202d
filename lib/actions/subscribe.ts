"use server";
// The subscribe form's server action: validates with zod, starts a double
// opt-in subscription and sends the confirmation email. The answer is the same
// whether or not the address was already subscribed (lib/subscriptions.ts).
import { headers } from "next/headers";
import type { FormState } from "@/lib/actions/shelf";
import { mailerFromEnv } from "@/lib/mail/transport";
import { requestOrigin, siteUrl } from "@/lib/site-url";
import { CONFIRM_HOURS, subscribe, subscribeSchema } from "@/lib/subscriptions";

export async function subscribeToDigest(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = subscribeSchema.safeParse({
    email: form.get("email") ?? "",
    topics: form.getAll("topic").filter((v): v is string => typeof v === "string"),
    query: form.get("q") ?? "",
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "That request was not valid." };
  try {
    await subscribe(parsed.data, { site: siteUrl(requestOrigin(await headers())), mailer: mailerFromEnv() });
  } catch (error) {
    console.error(`subscribe: ${(error as Error).message}`);
    return { error: "The confirmation email could not be sent just now. Please try again later." };
  }
  return {
    ok: true,
    message: `Check your inbox at ${parsed.data.email}: we sent a link to confirm (it expires in ${CONFIRM_HOURS} hours). If nothing arrives, check your spam folder.`,
  };
}
