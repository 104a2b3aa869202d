// Which server action a POST calls, by name, so proxy.ts can give the subscribe
// form and link codes tighter rate limits than bookmark toggles. A call from
// JavaScript names the action's id in its Next-Action header; a form posted
// without JavaScript carries it in hidden $ACTION_ fields. Ids are hashes made
// by the build; its server-reference manifest maps them to exported names.
// Reads that manifest from disk; never throws (an unknown id has no name).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Larger form posts are not read for an action id (an import file, say): Next refuses action bodies over 1 MB anyway. */
const MAX_FORM_BYTES = 1024 * 1024;

/** The action id in a form posted without JavaScript, or null. */
export function actionIdInForm(form: FormData): string | null {
  for (const [name, value] of form) {
    // A plain form action: <input name="$ACTION_ID_<id>">.
    if (name.startsWith("$ACTION_ID_")) return name.slice("$ACTION_ID_".length);
    // A useActionState form: "$ACTION_<n>:0" holds {"id": ..., "bound": ...}.
    if (/^\$ACTION_\d+:0$/.test(name) && typeof value === "string") {
      try {
        const id = (JSON.parse(value) as { id?: unknown }).id;
        if (typeof id === "string") return id;
      } catch {
        // Not an action reference.
      }
    }
  }
  return null;
}

/** The id of the server action a request calls, or null when it calls none (or it cannot be read). */
export async function actionIdOf(request: Request): Promise<string | null> {
  const header = request.headers.get("next-action");
  if (header) return header;
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (!type.startsWith("multipart/form-data") || !(length <= MAX_FORM_BYTES)) return null;
  try {
    // proxy.ts gets its own copy of the body; the page still reads the original.
    return actionIdInForm(await request.formData());
  } catch {
    return null; // Not a well-formed form: not an action Next would run either.
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
