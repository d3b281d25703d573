import { z } from "zod";

/** Row shapes as SQLite returns them; rows are checked here, not trusted. */

export const reportRow = z.object({
  id: z.string(),
  file: z.string(),
  title: z.string(),
  issuer: z.string().nullable(),
  genre: z.string(),
  title_inferred: z.number().int(),
  source_url: z.string().nullable(),
  place: z.string().nullable(),
  year: z.number().int().nullable(),
  date: z.string().nullable(),
  content_hash: z.string(),
  version: z.number().int(),
  ingested_at: z.string(),
});
export type ReportRow = z.infer<typeof reportRow>;

export const sectionRow = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  depth: z.number().int(),
  number: z.string(),
  style: z.string(),
  inline: z.number().int(),
  title: z.string(),
  text: z.string(),
});

export const sentenceRow = z.object({ idx: z.number().int(), section_id: z.string(), text: z.string() });

export const figureRow = z.object({
  idx: z.number().int(),
  value: z.number(),
  unit: z.string(),
  raw: z.string(),
  qualifier: z.string().nullable(),
  change: z.enum(["increase", "decrease"]).nullable(),
  kind: z.enum(["amount", "change", "rate", "target", "rank"]),
  linked_to: z.number().int().nullable(),
  label: z.string(),
  section_id: z.string(),
  node_id: z.string(),
  sentence_idx: z.number().int(),
  offset: z.number().int(),
});

export const listItemRow = z.object({
  position: z.number().int(),
  section_id: z.string(),
  title: z.string(),
  text: z.string(),
});
