// A lock file that keeps two runs of a command from working at once (two
// `npm run refresh` from cron and a terminal, two digests). Created with O_EXCL,
// so exactly one process wins; it holds the winner's pid, so a lock left by a
// process that died (kill -9, power loss) is noticed and taken over.
import fs from "node:fs";

export type Lock = { file: string; release: () => void };

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock at `file`, or returns the pid of the live process holding it.
 * The lock is released by `release()`, and on a normal exit of this process.
 */
export function acquireLock(file: string): Lock | { heldBy: number } {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      const release = () => {
        process.off("exit", release);
        try {
          // Only our own lock: never remove one a later process took over.
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.on("exit", release);
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let content: string;
    try {
      content = fs.readFileSync(file, "utf8");
    } catch {
      continue; // Released between our open and our read: try again.
    }
    const holder = Number.parseInt(content, 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) return { heldBy: holder };
    // A stale lock (its process is gone): remove it, unless another process has just
    // replaced it with its own, and try again.
    try {
      if (fs.readFileSync(file, "utf8") === content) fs.unlinkSync(file);
    } catch {
      // Someone else removed it first.
    }
  }
  throw new Error(`cannot take the lock ${file}`);
}
