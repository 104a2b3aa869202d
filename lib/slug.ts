// The shape of a paper slug (see lib/text/identity.ts), checked before any lookup
// so a malformed URL segment is simply "not found". No server-only imports.
import { z } from "zod";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(100);
