// Preloaded into a script under test (`node --import tsx --import <this file>`):
// when the process exits, it writes its peak resident memory, in kB, to the file
// PAPERSHELF_TEST_MAX_RSS_FILE names. The kernel keeps that peak for the
// process, so no sampling from outside can miss a short spike.
import fs from "node:fs";

const file = process.env.PAPERSHELF_TEST_MAX_RSS_FILE;
if (file) process.on("exit", () => fs.writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
