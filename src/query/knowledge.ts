import type { Store, StoredReport } from "../store/index.ts";
import { Comparisons } from "./comparison.ts";
import { Library, type NamedReports } from "./library.ts";
import { ReportIndex } from "./report-index.ts";

export interface KnowledgeOptions {
  /** The report a chat reads until it picks another (when loaded), else the newest. */
  defaultReportId?: string;
  /** Report indexes held in memory; the least recently used is dropped beyond this. */
  indexesKept?: number;
}

/** Report indexes held when no number is given. */
const INDEXES_KEPT = 50;

/** Chats whose choice of report is held in memory; an older one is read from the store again. */
const CHOICES_HELD = 10_000;

/**
 * The reports the bot knows and which one each chat is reading. Report indexes are built
 * on first use, rebuilt when the stored version changes, and at most `indexesKept` are held.
 */
export class Knowledge {
  /** Every stored report, by place and year. */
  readonly library: Library;
  /** One indicator across the library's reports. */
  readonly comparisons: Comparisons;
  // In order of use, least recent first.
  private readonly indexes = new Map<string, ReportIndex>();
  // This process is the only writer of chat settings, so a chat's choice read once holds
  // until it chooses again; the first read first dropped beyond CHOICES_HELD chats.
  private readonly chosen = new Map<string, string | null>();
  // Versions checked and the library, valid while the store's change mark stays the same:
  // one pragma instead of a version query per report and a newest query, which were most
  // of the time of a cached answer. The pragma itself is asked once per turn of the event
  // loop (see refresh).
  private mark: string | null = null;
  private lookedThisTurn = false;
  private changesSeen = -1;
  private readonly checked = new Set<string>();
  private readonly defaultReportId: string | undefined;
  private readonly indexesKept: number;
  // Reports whose file is being read in the background (see app.ts).
  private readonly loading = new Set<string>();
  // Chats waiting for a report to read (see whenReadable).
  private waiting: { chatKey: string; awaited: string[]; resolve: () => void }[] = [];

  constructor(
    private readonly store: Store,
    options: KnowledgeOptions = {},
  ) {
    this.library = new Library(store.reports);
    this.comparisons = new Comparisons(
      store.reports,
      () => {
        this.refresh();
        return this.library.byPlace().flatMap((g) => (g.place === null ? [] : [g.place]));
      },
      (id) => this.library.get(id)?.title ?? id,
    );
    this.defaultReportId = options.defaultReportId;
    this.indexesKept = Math.max(1, options.indexesKept ?? INDEXES_KEPT);
  }

  /** Every report, newest year first (the same array until the library changes). */
  reports(): readonly StoredReport[] {
    this.refresh();
    return this.library.reports();
  }

  /**
   * Forgets what was checked when the reports may have changed. Another process's commit
   * (`npm run ingest`) is looked for once per turn of the event loop — the updates that
   * arrive together are answered together, and the pragma would cost more than a cached
   * answer — and a change made in this process is seen at once.
   */
  private refresh(): void {
    const changes = this.store.reports.changesInProcess();
    if (this.lookedThisTurn && changes === this.changesSeen) return;
    this.changesSeen = changes;
    if (!this.lookedThisTurn) {
      this.lookedThisTurn = true;
      setImmediate(() => {
        this.lookedThisTurn = false;
      }).unref();
    }
    const mark = this.store.reports.changeMark();
    if (mark === this.mark) return;
    this.mark = mark;
    this.checked.clear();
    this.library.invalidate();
  }

  index(id: string): ReportIndex | null {
    this.refresh();
    return this.checkedIndex(id);
  }

  /** How many report indexes are held now. */
  heldIndexes(): number {
    return this.indexes.size;
  }

  /** The index of a report, checked against its stored version once per change mark. */
  private checkedIndex(id: string): ReportIndex | null {
    const held = this.indexes.get(id);
    if (held && this.checked.has(id)) {
      this.use(id, held);
      return held;
    }
    const index = this.load(id);
    if (index) this.checked.add(id);
    return index;
  }

  /** Marks an index as the most recently used, dropping the least recently used beyond the bound. */
  private use(id: string, index: ReportIndex): void {
    this.indexes.delete(id);
    this.indexes.set(id, index);
    while (this.indexes.size > this.indexesKept) {
      const oldest = this.indexes.keys().next().value;
      if (oldest === undefined) break;
      this.indexes.delete(oldest);
      this.checked.delete(oldest);
    }
  }

  /** The index of a report at its stored version: the one held, or a new one. */
  private load(id: string): ReportIndex | null {
    const stored = this.library.get(id);
    if (!stored) {
      this.indexes.delete(id);
      return null;
    }
    const held = this.indexes.get(id);
    if (held?.report.version === stored.version) {
      this.use(id, held);
      return held;
    }
    const content = this.store.reports.content(id);
    if (!content) return null;
    const index = new ReportIndex(content.report, content, (terms, limit) =>
      this.store.reports.searchSentences(id, terms, limit),
    );
    this.use(id, index);
    return index;
  }

  /** The report a chat chose, if any (read from the store once). */
  private chosenBy(chatKey: string): string | null {
    let chosen = this.chosen.get(chatKey);
    if (chosen === undefined) {
      chosen = this.store.chats.reportOf(chatKey);
      this.hold(chatKey, chosen);
    }
    return chosen;
  }

  private hold(chatKey: string, chosen: string | null): void {
    this.chosen.set(chatKey, chosen);
    if (this.chosen.size <= CHOICES_HELD) return;
    const first = this.chosen.keys().next().value;
    if (first !== undefined) this.chosen.delete(first);
  }

  /** The report a chat reads: its own choice if still loaded, else the default, else the newest. */
  current(chatKey: string): ReportIndex | null {
    this.refresh();
    const chosen = this.chosenBy(chatKey);
    for (const id of [chosen, this.defaultReportId]) {
      const index = id ? this.checkedIndex(id) : null;
      if (index) return index;
    }
    // While the chat's own or the default report is still being read, another report is no
    // stand-in for it: the chat is told it is loading.
    if ([chosen, this.defaultReportId].some((id) => id && this.loading.has(id))) return null;
    const newest = this.library.newest();
    return newest ? this.checkedIndex(newest.id) : null;
  }

  /** The reports a question names by place and year (see Library.named). */
  named(question: string): NamedReports | null {
    this.refresh();
    return this.library.named(question);
  }

  /**
   * The report a question names when it is not the chat's: 清苑区2005年财政收入多少 in a chat
   * reading another report. The chat's report stays when it is one of those named.
   */
  namedInstead(question: string, chatReport: ReportIndex | null): ReportIndex | null {
    const named = this.named(question);
    const first = named?.reports[0];
    if (!first || named.reports.some((r) => r.id === chatReport?.report.id)) return null;
    return this.checkedIndex(first.id);
  }

  /** Marks reports as being read in the background: not stored yet, or stored in an older version. */
  startLoading(ids: Iterable<string>): void {
    for (const id of ids) this.loading.add(id);
  }

  /** A report read (stored or failed), or with no id, the end of the background read. */
  doneLoading(id?: string): void {
    if (id === undefined) this.loading.clear();
    else this.loading.delete(id);
    // On the next turn, when a commit of another connection (an ingest child) is seen.
    if (this.waiting.length > 0) setImmediate(() => this.wake());
  }

  /** Settles once the chat has a report to read, or once no report file is being read any more. */
  whenReadable(chatKey: string): Promise<void> {
    if (this.loading.size === 0 || this.current(chatKey)) return Promise.resolve();
    return new Promise((resolve) =>
      this.waiting.push({ chatKey, awaited: this.awaitedBy(chatKey), resolve }),
    );
  }

  /**
   * The reports a chat with nothing to read waits for: its own and the default, while they
   * are read. None means it waits for the first report of an empty library.
   */
  private awaitedBy(chatKey: string): string[] {
    return [this.chosenBy(chatKey), this.defaultReportId].filter(
      (id): id is string => typeof id === "string" && this.loading.has(id),
    );
  }

  /**
   * Settles the waiting chats that can read now. A chat is looked at again only when a
   * report it waits for is done: every report stored changes the library, and reading it
   * again for each of a thousand reports read at a cold start made that start quadratic.
   */
  private wake(): void {
    this.waiting = this.waiting.filter((w) => {
      const worthLooking =
        this.loading.size === 0 || w.awaited.length === 0 || w.awaited.some((id) => !this.loading.has(id));
      if (!worthLooking) return true;
      const readable = this.loading.size === 0 || this.current(w.chatKey) !== null;
      if (readable) w.resolve();
      else w.awaited = this.awaitedBy(w.chatKey);
      return !readable;
    });
  }

  /** How many report files are still being read in the background. */
  loadingCount(): number {
    return this.loading.size;
  }

  /** Whether the report with this id is still being read in the background. */
  isLoading(id: string): boolean {
    return this.loading.has(id);
  }

  choose(chatKey: string, reportId: string): void {
    this.store.chats.setReport(chatKey, reportId);
    this.chosen.delete(chatKey);
    this.hold(chatKey, reportId);
  }
}
