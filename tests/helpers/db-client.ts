// Another process using a catalog, for backup and restore tests. Run as a child
// (tests/helpers/child.ts startScript) with the catalog file and a mode:
//   write  commits transaction after transaction until killed: transaction k sets
//          Tick.k = k and lastRank = k on every paper whose id % 7 == k % 7, so
//          any consistent snapshot is fully determined by its Tick.k;
//   idle   keeps a connection open and does nothing, like a server between requests.
// Prints "ready" once it is doing so.
import Database from "better-sqlite3";

const [file, mode] = process.argv.slice(2);
const db = new Database(file!, { fileMustExist: true, timeout: 10_000 });
db.prepare("SELECT count(*) FROM Paper").get();
process.stdout.write("ready\n");

if (mode === "write") {
  const tick = db.prepare("UPDATE Tick SET k = ?");
  const rank = db.prepare("UPDATE Paper SET lastRank = ? WHERE id % 7 = ?");
  let k = db.prepare("SELECT k FROM Tick").pluck().get() as number;
  const step = db.transaction(() => {
    k++;
    rank.run(k, k % 7);
    tick.run(k);
  });
  for (;;) step.immediate();
} else {
  setInterval(() => {}, 60_000);
}
