"use server";
// Every mutation of a shelf, in one file to audit. Each is a public endpoint:
// inputs are validated with zod here, and the visitor always comes from the
// signed cookie, never from the form. Expected failures return a message; the
// rest throw to the error page. Reads live in lib/bookmarks.ts.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  addBookmark,
  addTag,
  noteSchema,
  removeBookmark,
  removeTag,
  renameTag,
  setNote,
  setRead,
  tagSchema,
} from "@/lib/bookmarks";
import { createLinkCode, importShelf, MAX_IMPORT_BYTES, parseShelfExport, redeemLinkCode } from "@/lib/shelf-transfer";
import { currentVisitorId, ensureVisitorId, setVisitorCookie } from "@/lib/visitor";

export type BookmarkState = { bookmarked: boolean; error?: string };
export type FormState = { ok?: boolean; message?: string; error?: string };
export type LinkCodeState = { code?: string; expiresAt?: string; error?: string };

const id = z.coerce.number().int().positive();
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

/** Everything on screen may show a bookmark count or state: refresh it all. */
const refresh = () => revalidatePath("/", "layout");

const invalid = "That request was not valid; reload the page and try again.";

/**
 * After a form posted without JavaScript, send the browser back to the page it
 * came from (post/redirect/get), so reloading does not post again. With
 * JavaScript, Next calls actions with a Next-Action header and refreshes the page itself.
 */
async function returnToSamePage() {
  const h = await headers();
  if (h.get("next-action")) return;
  const referer = h.get("referer");
  const host = h.get("host");
  let path = "/";
  try {
    const url = new URL(referer ?? "/", `http://${host ?? "localhost"}`);
    if (url.host === host) path = `${url.pathname}${url.search}`;
  } catch {
    // A malformed Referer: go home.
  }
  redirect(path);
}

/** Bookmarks (`bookmarked=true`) or un-bookmarks a paper. Idempotent. */
export async function toggleBookmark(prev: BookmarkState, form: FormData): Promise<BookmarkState> {
  const input = z.object({ paperId: id, bookmarked: flag }).safeParse(Object.fromEntries(form));
  if (!input.success) return { ...prev, error: invalid };
  const { paperId, bookmarked } = input.data;
  if (bookmarked) {
    if (!(await addBookmark(await ensureVisitorId(), paperId)))
      return { bookmarked: false, error: "That paper is gone." };
  } else {
    const visitorId = await currentVisitorId();
    if (visitorId) await removeBookmark(visitorId, paperId);
  }
  refresh();
  await returnToSamePage();
  return { bookmarked };
}

export async function saveNote(_prev: FormState, form: FormData): Promise<FormState> {
  const input = z.object({ bookmarkId: id, note: noteSchema }).safeParse(Object.fromEntries(form));
  if (!input.success) return { error: input.error.issues[0]?.message ?? invalid };
  const visitorId = await currentVisitorId();
  if (!visitorId || !(await setNote(visitorId, input.data.bookmarkId, input.data.note))) return { error: invalid };
  refresh();
  return { ok: true, message: input.data.note ? "Note saved." : "Note cleared." };
}

export async function markRead(_prev: FormState, form: FormData): Promise<FormState> {
  const input = z.object({ bookmarkId: id, read: flag }).safeParse(Object.fromEntries(form));
  if (!input.success) return { error: invalid };
  const visitorId = await currentVisitorId();
  if (!visitorId || !(await setRead(visitorId, input.data.bookmarkId, input.data.read))) return { error: invalid };
  refresh();
  return { ok: true };
}

export async function addTagToBookmark(_prev: FormState, form: FormData): Promise<FormState> {
  const input = z.object({ bookmarkId: id, tag: tagSchema }).safeParse(Object.fromEntries(form));
  if (!input.success) return { error: input.error.issues[0]?.message ?? invalid };
  const visitorId = await currentVisitorId();
  const result = visitorId ? await addTag(visitorId, input.data.bookmarkId, input.data.tag) : false;
  if (result !== true) return { error: typeof result === "string" ? result : invalid };
  refresh();
  return { ok: true };
}

export async function removeTagFromBookmark(_prev: FormState, form: FormData): Promise<FormState> {
  const input = z.object({ bookmarkId: id, tag: tagSchema }).safeParse(Object.fromEntries(form));
  if (!input.success) return { error: invalid };
  const visitorId = await currentVisitorId();
  if (!visitorId || !(await removeTag(visitorId, input.data.bookmarkId, input.data.tag))) return { error: invalid };
  refresh();
  return { ok: true };
}

export async function renameShelfTag(_prev: FormState, form: FormData): Promise<FormState> {
  const input = z.object({ from: tagSchema, to: tagSchema }).safeParse(Object.fromEntries(form));
  if (!input.success) return { error: input.error.issues[0]?.message ?? invalid };
  const visitorId = await currentVisitorId();
  if (!visitorId) return { error: invalid };
  const count = await renameTag(visitorId, input.data.from, input.data.to);
  refresh();
  return {
    ok: true,
    message: `Renamed “${input.data.from}” to “${input.data.to}” on ${count} ${count === 1 ? "paper" : "papers"}.`,
  };
}

/** Imports a shelf export (a JSON file) into this browser's shelf. */
export async function importShelfFile(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { error: "Choose a shelf export (a .json file) to import." };
  if (file.size > MAX_IMPORT_BYTES)
    return { error: `That file is larger than ${MAX_IMPORT_BYTES / 1048576} MB; a shelf export is much smaller.` };
  const data = parseShelfExport(await file.text());
  if (typeof data === "string") return { error: data };
  const report = await importShelf(await ensureVisitorId(), data);
  if (!report.ok) return { error: report.error };
  refresh();
  const skipped = report.skipped.length ? `, ${report.skipped.length} not in this catalog` : "";
  return { ok: true, message: `Imported: ${report.added} added, ${report.merged} already on the shelf${skipped}.` };
}

/** Makes a one-time code another browser can enter to adopt this shelf. */
export async function makeLinkCode(_prev: LinkCodeState, _form: FormData): Promise<LinkCodeState> {
  const { code, expiresAt } = await createLinkCode(await ensureVisitorId());
  return { code, expiresAt: expiresAt.toISOString() };
}

/** Adopts the shelf a link code belongs to. */
export async function enterLinkCode(_prev: FormState, form: FormData): Promise<FormState> {
  const input = z.object({ code: z.string().trim().min(4).max(20) }).safeParse(Object.fromEntries(form));
  if (!input.success) return { error: "Enter the code shown on your other device." };
  const result = await redeemLinkCode(input.data.code, await currentVisitorId());
  if (!result.ok) return { error: result.error };
  await setVisitorCookie(result.visitorId);
  refresh();
  return { ok: true, message: "This browser now shares that shelf." };
}
