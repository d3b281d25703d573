import type { Migration } from "../migrate.ts";

/**
 * Reports of several genres, as published: each report's genre, whether its title was
 * built from the text, its issuer (the column once called body) and the address it was
 * fetched or saved from; each figure's kind (amount, change, rate, target, rank) and the
 * figure it qualifies (a growth rate's amount), by index in the report's figures.
 * Rows written before have no genre: they are of the first genre, 法治政府建设 reports, and
 * are parsed again anyway, as the parser version is part of their content hash.
 */
export const genresAndSources: Migration = {
  version: 5,
  sql: `
    ALTER TABLE reports RENAME COLUMN body TO issuer;
    ALTER TABLE reports ADD COLUMN genre TEXT NOT NULL DEFAULT 'fazhi';
    ALTER TABLE reports ADD COLUMN title_inferred INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE reports ADD COLUMN source_url TEXT;
    ALTER TABLE figures ADD COLUMN kind TEXT NOT NULL DEFAULT 'amount';
    ALTER TABLE figures ADD COLUMN linked_to INTEGER;
  `,
};
