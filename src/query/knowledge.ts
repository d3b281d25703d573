import type { Store, StoredReport } from "../store/index.ts";
import { ReportIndex } from "./report-index.ts";

/**
 * The reports the bot knows and which one each chat is reading. Report indexes are built
 * on first use and rebuilt when the stored version changes.
 */
export class Knowledge {
  private readonly indexes = new Map<string, ReportIndex>();
  // This process is the only writer of chat settings, so each chat's choice is read once.
  private readonly chosen = new Map<string, string | null>();

  constructor(
    private readonly store: Store,
    private readonly defaultReportId?: string,
  ) {}

  reports(): StoredReport[] {
    return this.store.reports.list();
  }

  index(id: string): ReportIndex | null {
    // The version is read on every call (one indexed lookup), so a report re-ingested by
    // another process (npm run ingest) is picked up at once.
    const version = this.store.reports.versionOf(id);
    if (version === null) {
      this.indexes.delete(id);
      return null;
    }
    const held = this.indexes.get(id);
    if (held?.report.version === version) return held;
    const stored = this.store.reports.get(id);
    if (!stored) return null;
    const content = this.store.reports.content(id);
    if (!content) return null;
    const index = new ReportIndex(stored, content, (query, limit) =>
      this.store.reports.searchSentences(id, query, limit),
    );
    this.indexes.set(id, index);
    return index;
  }

  /** The report a chat reads: its own choice if still loaded, else the default, else the newest. */
  current(chatKey: string): ReportIndex | null {
    let chosen = this.chosen.get(chatKey);
    if (chosen === undefined) {
      chosen = this.store.chats.reportOf(chatKey);
      this.chosen.set(chatKey, chosen);
    }
    for (const id of [chosen, this.defaultReportId]) {
      const index = id ? this.index(id) : null;
      if (index) return index;
    }
    const newest = this.store.reports.newestId();
    return newest ? this.index(newest) : null;
  }

  choose(chatKey: string, reportId: string): void {
    this.store.chats.setReport(chatKey, reportId);
    this.chosen.set(chatKey, reportId);
  }
}
