import type { Migration } from "../migrate.ts";

/**
 * The knowledge base: reports and what the parser found in them. Child rows go with
 * their report (ON DELETE CASCADE), so replacing a changed report is one delete + insert.
 * sentence_index holds jieba search-mode words separated by spaces in a unicode61 column:
 * FTS5's trigram tokenizer cannot match two-character words (复议, 公证, 禁渔); this can.
 */
export const knowledgeBase: Migration = {
  version: 1,
  sql: `
    CREATE TABLE reports (
      id TEXT PRIMARY KEY,
      file TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT,
      place TEXT,
      year INTEGER,
      date TEXT,
      content_hash TEXT NOT NULL,
      version INTEGER NOT NULL,
      ingested_at TEXT NOT NULL
    );
    CREATE TABLE sections (
      report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      position INTEGER NOT NULL,
      parent_id TEXT,
      depth INTEGER NOT NULL,
      number TEXT NOT NULL,
      style TEXT NOT NULL,
      inline INTEGER NOT NULL,
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (report_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE sentences (
      report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      section_id TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (report_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE figures (
      report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      value REAL NOT NULL,
      unit TEXT NOT NULL,
      raw TEXT NOT NULL,
      qualifier TEXT,
      change TEXT,
      label TEXT NOT NULL,
      section_id TEXT NOT NULL,
      node_id TEXT NOT NULL,
      sentence_idx INTEGER NOT NULL,
      offset INTEGER NOT NULL,
      PRIMARY KEY (report_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE list_items (
      report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('plan', 'problem')),
      position INTEGER NOT NULL,
      section_id TEXT NOT NULL,
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (report_id, kind, position)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE sentence_index USING fts5(
      words,
      report_id UNINDEXED,
      sentence_idx UNINDEXED,
      tokenize = 'unicode61'
    );
  `,
};
