import type Database from "better-sqlite3";
import { z } from "zod";
import { indicatorsMark, indicatorValues } from "../report/indicators.ts";
import type { Figure, ListItem, ParsedReport, ReportMeta, Section, Sentence } from "../report/types.ts";
import { indexWords } from "./fts.ts";
import { IndicatorRepository } from "./indicator-values.ts";
import { figureRow, listItemRow, type ReportRow, reportRow, sectionRow, sentenceRow } from "./rows.ts";
import { SentenceIndex } from "./sentence-index.ts";

/** A stored report: its metadata, where it came from, and which version of it this is. */
export interface StoredReport extends ReportMeta {
  id: string;
  file: string;
  contentHash: string;
  version: number;
  ingestedAt: string;
}

/** Everything the query core needs of one report version, read in one go. */
export interface ReportContent {
  report: StoredReport;
  sections: Section[];
  sentences: Sentence[];
  figures: Figure[];
  plan: ListItem[];
  problems: ListItem[];
}

export type IngestOutcome = "new" | "updated" | "unchanged";

/** What the store knows of a report's file, to tell at start whether it must be read again. */
export interface FileState {
  contentHash: string;
  version: number;
  /** Parser version, size and modification time of the file as last read (see ingest.ts). */
  stamp: string | null;
}

function toStored(row: ReportRow): StoredReport {
  return {
    id: row.id,
    file: row.file,
    title: row.title,
    titleInferred: row.title_inferred === 1,
    genre: row.genre,
    issuer: row.issuer,
    place: row.place,
    year: row.year,
    date: row.date,
    sourceUrl: row.source_url,
    contentHash: row.content_hash,
    version: row.version,
    ingestedAt: row.ingested_at,
  };
}

/**
 * Saves and removals made through any connection of this process. data_version counts
 * only the commits of other connections; this count tells this process's own at once,
 * without a query.
 */
let writesInProcess = 0;

/** Reports and their parsed content in SQLite. Statements are prepared once per connection. */
export class ReportRepository {
  private readonly s;
  private readonly index: SentenceIndex;
  /** Each report's indicator values, written with the report (see save). */
  readonly indicators: IndicatorRepository;

  constructor(
    private readonly db: Database.Database,
    /** The database's size cap, if any (see openDatabase), for the child processes that write it too. */
    readonly maxBytes?: number,
  ) {
    this.index = new SentenceIndex(db);
    this.indicators = new IndicatorRepository(db);
    this.s = {
      dataVersion: db.prepare("PRAGMA data_version").pluck(),
      report: db.prepare("SELECT * FROM reports WHERE id = ?"),
      version: db.prepare("SELECT version FROM reports WHERE id = ?").pluck(),
      reports: db.prepare("SELECT * FROM reports ORDER BY year DESC, id"),
      deleteReport: db.prepare("DELETE FROM reports WHERE id = ?"),
      fileStates: db.prepare(
        "SELECT r.id, r.content_hash, r.version, f.stamp FROM reports r LEFT JOIN report_files f ON f.report_id = r.id",
      ),
      setStamp: db.prepare(
        `INSERT INTO report_files (report_id, stamp) VALUES (?, ?)
         ON CONFLICT(report_id) DO UPDATE SET stamp = excluded.stamp`,
      ),
      clearStamp: db.prepare("DELETE FROM report_files WHERE report_id = ?"),
      insertReport: db.prepare(
        `INSERT INTO reports (id, file, title, title_inferred, genre, issuer, place, year, date, source_url,
           content_hash, version, ingested_at)
         VALUES (@id, @file, @title, @titleInferred, @genre, @issuer, @place, @year, @date, @sourceUrl,
           @contentHash, @version, @ingestedAt)`,
      ),
      insertSection: db.prepare(
        `INSERT INTO sections (report_id, id, position, parent_id, depth, number, style, inline, title, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSentence: db.prepare(
        "INSERT INTO sentences (report_id, idx, section_id, text) VALUES (?, ?, ?, ?)",
      ),
      insertFigure: db.prepare(
        `INSERT INTO figures (report_id, idx, value, unit, raw, qualifier, change, kind, linked_to, label,
           section_id, node_id, sentence_idx, offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertItem: db.prepare(
        "INSERT INTO list_items (report_id, kind, position, section_id, title, text) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      sections: db.prepare(
        "SELECT id, parent_id, depth, number, style, inline, title, text FROM sections WHERE report_id = ? ORDER BY position",
      ),
      sentences: db.prepare("SELECT idx, section_id, text FROM sentences WHERE report_id = ? ORDER BY idx"),
      figures: db.prepare("SELECT * FROM figures WHERE report_id = ? ORDER BY idx"),
      figuresWithSentences: db.prepare(
        `SELECT f.*, s.text AS sentence FROM figures f
         JOIN sentences s ON s.report_id = f.report_id AND s.idx = f.sentence_idx
         WHERE f.report_id = ? ORDER BY f.idx`,
      ),
      items: db.prepare(
        "SELECT position, section_id, title, text FROM list_items WHERE report_id = ? AND kind = ? ORDER BY position",
      ),
    };
  }

  get(id: string): StoredReport | null {
    const row = this.s.report.get(id);
    return row === undefined ? null : toStored(reportRow.parse(row));
  }

  /**
   * A mark that changes whenever the reports may have changed: a save or removal in this
   * process, or any commit by another connection (`npm run ingest` in another process).
   * Comparing marks costs one pragma, against a query per report otherwise.
   */
  changeMark(): string {
    return `${writesInProcess}:${String(this.s.dataVersion.get())}`;
  }

  /** Saves and removals made in this process so far: a change mark that costs no query. */
  changesInProcess(): number {
    return writesInProcess;
  }

  list(): StoredReport[] {
    return this.s.reports.all().map((r) => toStored(reportRow.parse(r)));
  }

  /** Every stored report's hash, version and file stamp, by id. */
  fileStates(): Map<string, FileState> {
    const row = z.object({
      id: z.string(),
      content_hash: z.string(),
      version: z.number().int(),
      stamp: z.string().nullable(),
    });
    return new Map(
      this.s.fileStates.all().map((r) => {
        const s = row.parse(r);
        return [s.id, { contentHash: s.content_hash, version: s.version, stamp: s.stamp }];
      }),
    );
  }

  /** The database file, or null for a database only this connection sees (":memory:"). */
  databasePath(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  /**
   * Stops copying the write-ahead log into the database every 1000 pages on this
   * connection, for a bulk load: the log is copied once, by the next connection to commit
   * with the default (the background indexer, as a rule), instead of many times over.
   */
  pauseCheckpoints(): void {
    this.db.pragma("wal_autocheckpoint = 0");
  }

  /**
   * Stores a parsed file (see save) and how its file looked when read, in one transaction
   * that takes the write lock at once: other connections (the other ingest workers) may be
   * writing too.
   */
  saveFile(
    file: { id: string; file: string; hash: string; stamp: string | null },
    parsed: ParsedReport,
    sentenceWords: readonly string[] | null,
  ): { outcome: IngestOutcome; version: number } {
    return this.db
      .transaction(() => {
        const saved = this.save(file.id, file.file, file.hash, parsed, sentenceWords);
        this.setStamp(file.id, file.stamp);
        return saved;
      })
      .immediate();
  }

  /** Remembers how a report's file looked when read (null: not known, read it next time). */
  setStamp(id: string, stamp: string | null): void {
    if (stamp === null) this.s.clearStamp.run(id);
    else this.s.setStamp.run(id, stamp);
  }

  /**
   * Stores a parsed report in one transaction: skipped when the hash is unchanged, else
   * the old rows are replaced and the version goes up by one. `sentenceWords[i]` are the
   * full-text index words of sentence i (see fts.ts); null leaves the report out of the
   * index until `reindex` (the background indexer, or its first search).
   */
  save(
    id: string,
    file: string,
    contentHash: string,
    parsed: ParsedReport,
    sentenceWords: readonly string[] | null,
  ): { outcome: IngestOutcome; version: number } {
    writesInProcess++;
    return this.db.transaction(() => {
      const existing = this.get(id);
      if (existing?.contentHash === contentHash)
        return { outcome: "unchanged" as const, version: existing.version };
      const version = (existing?.version ?? 0) + 1;
      this.s.deleteReport.run(id);
      this.s.insertReport.run({
        id,
        file,
        ...parsed.meta,
        titleInferred: parsed.meta.titleInferred ? 1 : 0,
        contentHash,
        version,
        ingestedAt: new Date().toISOString(),
      });
      parsed.sections.forEach((s, position) => {
        this.s.insertSection.run(
          id,
          s.id,
          position,
          s.parentId,
          s.depth,
          s.number,
          s.style,
          s.inline ? 1 : 0,
          s.title,
          s.text,
        );
      });
      for (const s of parsed.sentences) {
        this.s.insertSentence.run(id, s.index, s.sectionId, s.text);
      }
      if (sentenceWords) this.index.replace(id, sentenceWords);
      else this.index.remove(id);
      parsed.figures.forEach((f, idx) => {
        this.s.insertFigure.run(
          id,
          idx,
          f.value,
          f.unit,
          f.raw,
          f.qualifier,
          f.change,
          f.kind,
          f.linkedTo,
          f.label,
          f.sectionId,
          f.nodeId,
          f.sentenceIndex,
          f.offset,
        );
      });
      this.indicators.replace(
        id,
        parsed.meta,
        parsed.figures,
        indicatorValues(parsed.figures),
        indicatorsMark(),
      );
      for (const [kind, items] of [
        ["plan", parsed.plan],
        ["problem", parsed.problems],
      ] as const) {
        for (const item of items)
          this.s.insertItem.run(id, kind, item.position, item.sectionId, item.title, item.text);
      }
      return { outcome: existing ? ("updated" as const) : ("new" as const), version };
    })();
  }

  /** Removes a report and everything parsed from it. */
  remove(id: string): void {
    writesInProcess++;
    this.db.transaction(() => {
      this.s.deleteReport.run(id);
      this.index.remove(id);
    })();
  }

  /** Stored reports whose sentences are not in the full-text index yet. */
  unindexed(): string[] {
    return this.index.unindexed();
  }

  /**
   * Puts a stored report's sentences in the full-text index. Another connection (the
   * background indexer, a sync) may write the same report at the same time: the sentences
   * are read under the write lock, so the index is written from the version stored then.
   */
  reindex(id: string): void {
    this.db
      .transaction(() => {
        const sentences = this.s.sentences.all(id).map((row) => sentenceRow.parse(row));
        if (this.s.version.get(id) !== undefined)
          this.index.replace(
            id,
            sentences.map((s) => indexWords(s.text)),
          );
      })
      .immediate();
  }

  /** The whole content of a report, or null when there is no such report. */
  content(id: string): ReportContent | null {
    const report = this.get(id);
    if (!report) return null;
    const sections = this.s.sections.all(id).map((row) => {
      const r = sectionRow.parse(row);
      return {
        id: r.id,
        parentId: r.parent_id,
        depth: r.depth,
        number: r.number,
        style: r.style as Section["style"],
        inline: r.inline === 1,
        title: r.title,
        text: r.text,
      };
    });
    const sentences = this.s.sentences.all(id).map((row) => {
      const r = sentenceRow.parse(row);
      return { sectionId: r.section_id, index: r.idx, text: r.text };
    });
    const figures = this.s.figures.all(id).map((row) => {
      const r = figureRow.parse(row);
      return toFigure(r, sentences[r.sentence_idx]?.text ?? "");
    });
    const items = (kind: "plan" | "problem") =>
      this.s.items.all(id, kind).map((row) => {
        const r = listItemRow.parse(row);
        return { position: r.position, sectionId: r.section_id, title: r.title, text: r.text };
      });
    return { report, sections, sentences, figures, plan: items("plan"), problems: items("problem") };
  }

  /**
   * A report's figures with their sentences, without the rest of its content: for reading
   * the figures of many reports at once.
   */
  figures(id: string): Figure[] {
    return this.s.figuresWithSentences.all(id).map((row) => {
      const r = figureWithSentenceRow.parse(row);
      return toFigure(r, r.sentence);
    });
  }

  /**
   * Indexes of a report's sentences holding every term (see fts.ts searchTerms), best first.
   * A report the background indexer has not reached yet is indexed now.
   */
  searchSentences(reportId: string, terms: readonly string[], limit: number): number[] {
    const found = this.index.search(reportId, terms, limit);
    if (found !== null || this.s.version.get(reportId) === undefined) return found ?? [];
    this.reindex(reportId);
    return this.index.search(reportId, terms, limit) ?? [];
  }
}

/** Built once: a schema extended per row costs more than the query. */
const figureWithSentenceRow = figureRow.extend({ sentence: z.string() });

function toFigure(r: z.infer<typeof figureRow>, sentence: string): Figure {
  return {
    value: r.value,
    unit: r.unit,
    raw: r.raw,
    qualifier: r.qualifier,
    change: r.change,
    kind: r.kind,
    linkedTo: r.linked_to,
    label: r.label,
    sectionId: r.section_id,
    nodeId: r.node_id,
    sentence,
    sentenceIndex: r.sentence_idx,
    offset: r.offset,
  };
}
