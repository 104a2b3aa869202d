// Which server action a POST calls, by name, so proxy.ts can give the subscribe
// form and link codes tighter rate limits than bookmark toggles. A call from
// JavaScript names the action's id in its Next-Action header; a form posted
// without JavaScript carries it in hidden $ACTION_ fields. Ids are hashes made
// by the build; its server-reference manifest maps them to exported names.
// Reads that manifest from disk; never throws (an unknown id has no name).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Form posts are read for action ids up to this size. Next refuses action bodies
 * over 1 MB (its default bodySizeLimit) without running them, so a larger one
 * calls no action whatever it names.
 */
const MAX_FORM_BYTES = 1024 * 1024 + 64 * 1024;

/**
 * The action ids a form posted without JavaScript names, as React's
 * decodeAction reads them: "$ACTION_ID_<id>" (a plain form action), or
 * "$ACTION_REF_<p>" whose "$ACTION_<p>:0" field holds {"id": ...} (a
 * useActionState form). React runs the last one; all are returned, so a decoy
 * field cannot hide the action that runs.
 */
export function actionIdsInForm(form: FormData): string[] {
  const ids: string[] = [];
  for (const name of form.keys()) {
    if (name.startsWith("$ACTION_ID_")) ids.push(name.slice("$ACTION_ID_".length));
    else if (name.startsWith("$ACTION_REF_")) {
      const meta = form.get(`$ACTION_${name.slice("$ACTION_REF_".length)}:0`);
      try {
        const id = typeof meta === "string" ? (JSON.parse(meta) as { id?: unknown }).id : undefined;
        if (typeof id === "string") ids.push(id);
      } catch {
        // Not an action reference: React would not run it either.
      }
    }
  }
  return ids;
}

/** The body, or null when it is longer than `max` bytes (read no further than that). */
async function bodyUpTo(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) body.set(chunk, (at += chunk.byteLength) - chunk.byteLength);
  return body;
}

/**
 * The ids of the server actions a request may call: its Next-Action header (a
 * call from JavaScript; Next then ignores ids in the body), else those its
 * multipart form names. Empty when it calls none, or its body is too large for
 * Next to run one. proxy.ts reads its own copy of the body; the page still gets the original.
 */
export async function actionIdsOf(request: Request): Promise<string[]> {
  const header = request.headers.get("next-action");
  if (header) return [header];
  // Exactly Next's test for a form action (case and all).
  const type = request.headers.get("content-type") ?? "";
  if (request.method !== "POST" || !type.startsWith("multipart/form-data")) return [];
  // Chunked bodies (no Content-Length) are read too, up to the cap: leaving them out would let a
  // client dodge the tighter limits by choosing the encoding.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) return [];
  try {
    const body = await bodyUpTo(request, MAX_FORM_BYTES);
    if (!body) return [];
    return actionIdsInForm(await new Response(body as BodyInit, { headers: { "content-type": type } }).formData());
  } catch {
    return []; // Not a well-formed form: Next could not decode an action from it either.
  }
}

const manifestSchema = z.object({
  node: z.record(z.string(), z.object({ exportedName: z.string().optional() })),
});

/**
 * Action names by id, from the build's server-reference manifest (an internal
 * file of Next's build; tests/e2e/security.spec.ts fails if its shape changes).
 * Read again when an unknown id comes and the file changed (`next dev` adds
 * actions as it compiles pages).
 */
export class ActionNames {
  private names = new Map<string, string>();
  private loadedMtime = -1;

  constructor(private readonly files: string[]) {}

  /** The default: `next start`'s build in .next/, or `next dev`'s in .next/dev/. */
  static forBuild(root = process.cwd()): ActionNames {
    const inBuild = (...dir: string[]) => path.join(root, ".next", ...dir, "server", "server-reference-manifest.json");
    return new ActionNames(process.env.NODE_ENV === "development" ? [inBuild("dev"), inBuild()] : [inBuild()]);
  }

  /** The exported name of the action with this id, or undefined. */
  nameOf(id: string): string | undefined {
    if (!this.names.has(id)) this.reload();
    return this.names.get(id);
  }

  private reload() {
    for (const file of this.files) {
      try {
        const mtime = fs.statSync(file).mtimeMs;
        if (mtime === this.loadedMtime) return;
        const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
        this.names = new Map(
          Object.entries(manifest.node).flatMap(([id, entry]) =>
            entry.exportedName ? [[id, entry.exportedName]] : [],
          ),
        );
        this.loadedMtime = mtime;
        return;
      } catch {
        // Missing or unreadable: try the next place. No names means the default (loosest) limit.
      }
    }
  }
}
