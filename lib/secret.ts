// The server secret that signs visitor cookies: PAPERSHELF_SECRET when set,
// otherwise a random secret generated on first use and kept next to the
// catalog (data/papershelf.secret by default, git-ignored, readable only by its owner).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseFile } from "@/lib/db/url";

const MIN_LENGTH = 32;
let cached: string | undefined;

/** Where a generated secret is kept: beside the SQLite file. */
export function secretFile(): string {
  return path.join(path.dirname(databaseFile()), "papershelf.secret");
}

/** The secret, read once per process. Throws when PAPERSHELF_SECRET is set but too short. */
export function getSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.PAPERSHELF_SECRET;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < MIN_LENGTH) throw new Error(`PAPERSHELF_SECRET must be at least ${MIN_LENGTH} characters`);
    return (cached = fromEnv);
  }
  const file = secretFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: a process starting at the same time
    // either wins the link or reads the winner's complete file, never a half-written one.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(draft, randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < MIN_LENGTH) throw new Error(`${file} holds no usable secret; delete it to make a new one`);
  return (cached = secret);
}
