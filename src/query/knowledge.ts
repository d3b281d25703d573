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
  // Versions checked and the newest report, valid while the store's change mark stays the
  // same: one pragma per answer instead of a version query per report and a newest query,
  // which were most of the time of a cached answer.
  private mark: string | null = null;
  private readonly checked = new Set<string>();
  private newest: string | null | undefined;

  constructor(
    private readonly store: Store,
    private readonly defaultReportId?: string,
  ) {}

  reports(): StoredReport[] {
    return this.store.reports.list();
  }

  /** Forgets what was checked when the reports may have changed, here or in another process. */
  private refresh(): void {
    const mark = this.store.reports.changeMark();
    if (mark === this.mark) return;
    this.mark = mark;
    this.checked.clear();
    this.newest = undefined;
  }

  index(id: string): ReportIndex | null {
    // The change mark is read on every call, so a report re-ingested by another process
    // (npm run ingest) is picked up at once.
    this.refresh();
    return this.checkedIndex(id);
  }

  /** The index of a report, checked against its stored version once per change mark. */
  private checkedIndex(id: string): ReportIndex | null {
    const held = this.indexes.get(id);
    if (held && this.checked.has(id)) return held;
    const index = this.load(id);
    if (index) this.checked.add(id);
    return index;
  }

  /** The index of a report at its stored version: the one held, or a new one. */
  private load(id: string): ReportIndex | null {
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
    this.refresh();
    let chosen = this.chosen.get(chatKey);
    if (chosen === undefined) {
      chosen = this.store.chats.reportOf(chatKey);
      this.chosen.set(chatKey, chosen);
    }
    for (const id of [chosen, this.defaultReportId]) {
      const index = id ? this.checkedIndex(id) : null;
      if (index) return index;
    }
    if (this.newest === undefined) this.newest = this.store.reports.newestId();
    return this.newest ? this.checkedIndex(this.newest) : null;
  }

  choose(chatKey: string, reportId: string): void {
    this.store.chats.setReport(chatKey, reportId);
    this.chosen.set(chatKey, reportId);
  }
}
