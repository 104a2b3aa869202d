// The CSL-JSON data schema (Citation Style Language 1.0.2, csl-data.json) as zod,
// for the fields and constraints Papershelf's export uses: required id and type,
// type from CSL's list, names as objects, dates as date-parts, string fields.
import { z } from "zod";

const CSL_TYPES = [
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "bill",
  "book",
  "broadcast",
  "chapter",
  "classic",
  "collection",
  "dataset",
  "document",
  "entry",
  "entry-dictionary",
  "entry-encyclopedia",
  "event",
  "figure",
  "graphic",
  "hearing",
  "interview",
  "legal_case",
  "legislation",
  "manuscript",
  "map",
  "motion_picture",
  "musical_score",
  "pamphlet",
  "paper-conference",
  "patent",
  "performance",
  "periodical",
  "personal_communication",
  "post",
  "post-weblog",
  "regulation",
  "report",
  "review",
  "review-book",
  "software",
  "song",
  "speech",
  "standard",
  "thesis",
  "treaty",
  "webpage",
] as const;

const name = z.strictObject({
  family: z.string().optional(),
  given: z.string().optional(),
  "dropping-particle": z.string().optional(),
  "non-dropping-particle": z.string().optional(),
  suffix: z.string().optional(),
  literal: z.string().optional(),
});

const datePart = z.union([z.string(), z.number()]);
const date = z.strictObject({
  "date-parts": z.array(z.array(datePart).min(1).max(3)).min(1).max(2).optional(),
  season: z.union([z.string(), z.number()]).optional(),
  circa: z.union([z.string(), z.number(), z.boolean()]).optional(),
  literal: z.string().optional(),
  raw: z.string().optional(),
});

const text = z.string();

export const cslItemSchema = z.strictObject({
  id: z.union([z.string(), z.number()]),
  type: z.enum(CSL_TYPES),
  title: text.optional(),
  author: z.array(name).optional(),
  issued: date.optional(),
  URL: text.optional(),
  DOI: text.optional(),
  abstract: text.optional(),
  number: z.union([z.string(), z.number()]).optional(),
  publisher: text.optional(),
  note: text.optional(),
  keyword: text.optional(),
});

export const cslDataSchema = z.array(cslItemSchema);
