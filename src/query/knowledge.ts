import type { Store, StoredReport } from "../store/index.ts";
import { ReportIndex } from "./report-index.ts";

/**
 * The reports the bot knows and which one each chat is reading. Report indexes are built
 * on first use and rebuilt when the stored version changes.
 */
export class Knowledge {
  private readonly indexes = new Map<string, ReportIndex>();

  constructor(
    private readonly store: Store,
    private readonly defaultReportId?: string,
  ) {}

  reports(): StoredReport[] {
    return this.store.reports.list();
  }

  index(id: string): ReportIndex | null {
    const stored = this.store.reports.get(id);
    if (!stored) {
      this.indexes.delete(id);
      return null;
    }
    const held = this.indexes.get(id);
    if (held?.report.version === stored.version) return held;
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
    const chosen = this.store.chats.reportOf(chatKey);
    for (const id of [chosen, this.defaultReportId]) {
      const index = id ? this.index(id) : null;
      if (index) return index;
    }
    const newest = this.reports()[0];
    return newest ? this.index(newest.id) : null;
  }

  choose(chatKey: string, reportId: string): void {
    this.store.chats.setReport(chatKey, reportId);
  }
}
