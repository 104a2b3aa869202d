// Moving a shelf between browsers: the complete JSON export (bookmarks, notes,
// tags, read state, dates), its import (merging without duplicates, all or
// nothing), and one-time codes that let another browser adopt the shelf.
import "server-only";
import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { retryWhileBusy } from "@/lib/db/busy";
import { getPrisma } from "@/lib/db/client";
import { sqlTimestamp } from "@/lib/db/sqlite";
import { ensureVisitor, MAX_TAGS, noteSchema, tagSchema, type ShelfItem } from "@/lib/bookmarks";
import { titleKey } from "@/lib/text/identity";

export const SHELF_FORMAT = "papershelf-shelf";
export const SHELF_FORMAT_VERSION = 1;
/** Larger import files are refused before they are parsed. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const isoTimestamp = z.iso.datetime({ offset: true });

export const shelfExportSchema = z.object({
  format: z.literal(SHELF_FORMAT, { error: `"format" must be "${SHELF_FORMAT}"` }),
  version: z.literal(SHELF_FORMAT_VERSION, { error: `"version" must be ${SHELF_FORMAT_VERSION}` }),
  exportedAt: isoTimestamp,
  bookmarks: z
    .array(
      z.object({
        paper: z.object({
          slug: z.string().max(200),
          title: z.string().min(1).max(1000),
          arxivId: z.string().max(40).nullable(),
        }),
        note: noteSchema,
        tags: z.array(tagSchema).max(MAX_TAGS),
        readAt: isoTimestamp.nullable(),
        bookmarkedAt: isoTimestamp,
      }),
    )
    .max(100_000),
});

export type ShelfExport = z.infer<typeof shelfExportSchema>;

/** The complete export of a shelf, newest bookmark first. */
export function buildShelfExport(items: ShelfItem[], now = new Date()): ShelfExport {
  return {
    format: SHELF_FORMAT,
    version: SHELF_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    bookmarks: items.map((item) => ({
      paper: { slug: item.paper.slug, title: item.paper.title, arxivId: item.paper.arxivId },
      note: item.note,
      tags: item.tags,
      readAt: item.readAt,
      bookmarkedAt: item.bookmarkedAt,
    })),
  };
}

export type ImportReport =
  | { ok: true; added: number; merged: number; skipped: { title: string; reason: string }[] }
  | { ok: false; error: string };

/** Parses an uploaded export, or explains in one line why it is not one. */
export function parseShelfExport(text: string): ShelfExport | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "This file is not JSON; choose a file exported from a Papershelf shelf.";
  }
  const parsed = shelfExportSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? ` (at ${issue.path.join(".")})` : "";
  return `This file is not a Papershelf shelf export: ${issue.message}${where}.`;
}

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * Imports an export into a shelf in one transaction: new papers are added with
 * their note, tags, read state and date; papers already on the shelf are merged
 * (tags united, an empty note filled, earliest dates kept). Papers this catalog
 * does not have are reported, not invented.
 */
export async function importShelf(visitorId: string, data: ShelfExport): Promise<ImportReport> {
  await ensureVisitor(visitorId);
  // One transaction: it either commits or does nothing, so it may run again while an ingest holds the lock.
  return retryWhileBusy(() =>
    getPrisma().$transaction(async (tx) => {
      const report = { ok: true as const, added: 0, merged: 0, skipped: [] as { title: string; reason: string }[] };
      for (const b of data.bookmarks) {
        const paper =
          (await tx.paper.findUnique({ where: { slug: b.paper.slug }, select: { id: true } })) ??
          (b.paper.arxivId
            ? await tx.paper.findUnique({ where: { arxivId: b.paper.arxivId }, select: { id: true } })
            : null) ??
          (await tx.paper.findFirst({ where: { titleKey: titleKey(b.paper.title) }, select: { id: true } }));
        if (!paper) {
          report.skipped.push({ title: b.paper.title, reason: "not in this catalog" });
          continue;
        }
        const readAt = b.readAt ? new Date(b.readAt) : null;
        const bookmarkedAt = new Date(b.bookmarkedAt);
        const existing = await tx.bookmark.findUnique({
          where: { visitorId_paperId: { visitorId, paperId: paper.id } },
          select: { id: true, note: true, readAt: true, createdAt: true },
        });
        if (!existing) {
          const created = await tx.bookmark.create({
            data: { visitorId, paperId: paper.id, note: b.note, readAt, createdAt: bookmarkedAt },
            select: { id: true },
          });
          if (b.tags.length)
            await tx.bookmarkTag.createMany({ data: b.tags.map((tag) => ({ bookmarkId: created.id, tag })) });
          report.added++;
          continue;
        }
        await tx.bookmark.update({
          where: { id: existing.id },
          data: {
            note: existing.note || b.note,
            readAt: earliest(existing.readAt, readAt),
            createdAt: earliest(existing.createdAt, bookmarkedAt)!,
          },
        });
        for (const tag of b.tags) {
          await tx.$executeRaw`INSERT INTO "BookmarkTag" ("bookmarkId", "tag") VALUES (${existing.id}, ${tag}) ON CONFLICT DO NOTHING`;
        }
        report.merged++;
      }
      return report;
    }),
  );
}

/** How long a link code works. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;
/** No 0/O, 1/I/L: codes are read aloud and typed by hand. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
const hashCode = (code: string) => createHash("sha256").update(normalizeCode(code)).digest("hex");

/** A new one-time code ("ABCD-EFGH") for another browser to adopt this shelf, valid for ten minutes. */
export async function createLinkCode(visitorId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  await ensureVisitor(visitorId);
  const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await retryWhileBusy(() => getPrisma().linkCode.create({ data: { codeHash: hashCode(raw), visitorId, expiresAt } }));
  return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAt };
}

/**
 * Redeems a code: the browser adopts the code's shelf, bringing its own
 * bookmarks along (without duplicates). A code works once, for ten minutes.
 */
export async function redeemLinkCode(
  code: string,
  currentVisitorId: string | null,
  now = new Date(),
): Promise<{ ok: true; visitorId: string } | { ok: false; error: string }> {
  const prisma = getPrisma();
  const codeHash = hashCode(code);
  const found = await prisma.linkCode.findUnique({ where: { codeHash }, select: { visitorId: true } });
  // One statement marks it used, so two browsers racing with the same code cannot both win.
  const { count } = await retryWhileBusy(() =>
    prisma.linkCode.updateMany({ where: { codeHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } }),
  );
  if (!found || count === 0)
    return { ok: false, error: "That code is wrong, already used or expired. Ask for a new one." };
  const target = found.visitorId;
  if (currentVisitorId && currentVisitorId !== target) {
    const stamp = sqlTimestamp(now);
    await retryWhileBusy(() =>
      prisma.$transaction([
        // Bring this browser's bookmarks along; ones the shelf already has stay as they are there.
        prisma.$executeRaw`INSERT INTO "Bookmark" ("visitorId", "paperId", "note", "readAt", "createdAt", "updatedAt")
        SELECT ${target}, "paperId", "note", "readAt", "createdAt", ${stamp} FROM "Bookmark" WHERE "visitorId" = ${currentVisitorId}
        ON CONFLICT ("visitorId", "paperId") DO NOTHING`,
        prisma.$executeRaw`INSERT INTO "BookmarkTag" ("bookmarkId", "tag")
        SELECT t."id", bt."tag" FROM "BookmarkTag" bt
        JOIN "Bookmark" s ON s."id" = bt."bookmarkId" AND s."visitorId" = ${currentVisitorId}
        JOIN "Bookmark" t ON t."paperId" = s."paperId" AND t."visitorId" = ${target}
        WHERE true ON CONFLICT DO NOTHING`,
        prisma.bookmark.deleteMany({ where: { visitorId: currentVisitorId } }),
      ]),
    );
  }
  return { ok: true, visitorId: target };
}
