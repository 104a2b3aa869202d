// `npm run db:migrate`: applies pending migrations in prisma/migrations to the
// DATABASE_URL catalog without Prisma's native engine. npm start does this too.
import { fail, openCatalog } from "./lib/cli";

try {
  openCatalog().close();
  process.stderr.write("The catalog's schema is up to date.\n");
} catch (error) {
  fail("db:migrate", error);
}
