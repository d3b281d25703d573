import type Database from "better-sqlite3";
import { z } from "zod";
import type { Figure, ListItem, ParsedReport, ReportMeta, Section, Sentence } from "../report/types.ts";
import { figureRow, listItemRow, type ReportRow, reportRow, sectionRow, sentenceRow } from "./rows.ts";

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

/** Reports and their parsed content in SQLite. Statements are prepared once per connection. */
export class ReportRepository {
  private readonly s;
  /** Saves and removals made through this connection (data_version counts only the others'). */
  private writes = 0;

  constructor(private readonly db: Database.Database) {
    this.s = {
      dataVersion: db.prepare("PRAGMA data_version").pluck(),
      report: db.prepare("SELECT * FROM reports WHERE id = ?"),
      version: db.prepare("SELECT version FROM reports WHERE id = ?").pluck(),
      reports: db.prepare("SELECT * FROM reports ORDER BY year DESC, id"),
      newest: db.prepare("SELECT id FROM reports ORDER BY year DESC, id LIMIT 1").pluck(),
      deleteReport: db.prepare("DELETE FROM reports WHERE id = ?"),
      deleteIndex: db.prepare("DELETE FROM sentence_index WHERE report_id = ?"),
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
      insertIndex: db.prepare("INSERT INTO sentence_index (words, report_id, sentence_idx) VALUES (?, ?, ?)"),
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
      items: db.prepare(
        "SELECT position, section_id, title, text FROM list_items WHERE report_id = ? AND kind = ? ORDER BY position",
      ),
      search: db.prepare(
        `SELECT sentence_idx FROM sentence_index WHERE sentence_index MATCH ? AND report_id = ?
         ORDER BY rank LIMIT ?`,
      ),
    };
  }

  get(id: string): StoredReport | null {
    const row = this.s.report.get(id);
    return row === undefined ? null : toStored(reportRow.parse(row));
  }

  /** The stored version of a report, or null: the cheap check before using a held copy. */
  versionOf(id: string): number | null {
    const v = this.s.version.get(id);
    return typeof v === "number" ? v : null;
  }

  /**
   * A mark that changes whenever the reports may have changed: a save or removal through
   * this connection, or any commit by another one (`npm run ingest` in another process).
   * Comparing marks costs one pragma, against a query per report otherwise.
   */
  changeMark(): string {
    return `${this.writes}:${String(this.s.dataVersion.get())}`;
  }

  /** The id of the newest report (latest year), or null when none is loaded. */
  newestId(): string | null {
    const id = this.s.newest.get();
    return typeof id === "string" ? id : null;
  }

  list(): StoredReport[] {
    return this.s.reports.all().map((r) => toStored(reportRow.parse(r)));
  }

  /**
   * Stores a parsed report in one transaction: skipped when the hash is unchanged, else
   * the old rows are replaced and the version goes up by one.
   */
  save(
    id: string,
    file: string,
    contentHash: string,
    parsed: ParsedReport,
    indexWords: (text: string) => string,
  ): { outcome: IngestOutcome; version: number } {
    this.writes++;
    return this.db.transaction(() => {
      const existing = this.get(id);
      if (existing?.contentHash === contentHash)
        return { outcome: "unchanged" as const, version: existing.version };
      const version = (existing?.version ?? 0) + 1;
      this.s.deleteReport.run(id);
      this.s.deleteIndex.run(id);
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
        this.s.insertIndex.run(indexWords(s.text), id, s.index);
      }
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
    this.writes++;
    this.db.transaction(() => {
      this.s.deleteReport.run(id);
      this.s.deleteIndex.run(id);
    })();
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
    const figures = this.s.figures.all(id).map((row): Figure => {
      const r = figureRow.parse(row);
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
        sentence: sentences[r.sentence_idx]?.text ?? "",
        sentenceIndex: r.sentence_idx,
        offset: r.offset,
      };
    });
    const items = (kind: "plan" | "problem") =>
      this.s.items.all(id, kind).map((row) => {
        const r = listItemRow.parse(row);
        return { position: r.position, sectionId: r.section_id, title: r.title, text: r.text };
      });
    return { report, sections, sentences, figures, plan: items("plan"), problems: items("problem") };
  }

  /**
   * Sentence indexes whose words match an FTS5 query, best first. The caller builds the
   * query from quoted words only (see src/store/fts.ts), never from raw user text.
   */
  searchSentences(reportId: string, ftsQuery: string, limit: number): number[] {
    return this.s.search
      .all(ftsQuery, reportId, limit)
      .map((r) => z.object({ sentence_idx: z.number() }).parse(r).sentence_idx);
  }
}
