import type { Figure } from "../report/types.ts";
import type { ReportRepository, StoredReport } from "../store/reports.ts";
import { normalizeText } from "../text/normalize.ts";

/** The reports of one place, oldest first; `place` is null for a report whose place is not known. */
export interface PlaceGroup {
  place: string | null;
  reports: readonly StoredReport[];
}

/** What a user's words pick out of the library. */
export type Pick =
  | { kind: "one"; report: StoredReport }
  | { kind: "several"; reports: readonly StoredReport[] }
  | { kind: "none" };

/** A year as users write it: 2021 or 2021年. */
const YEAR = /^((?:19|20)\d\d)年?$/;

const byPlaceName = new Intl.Collator("zh-Hans-CN").compare;

/**
 * Every stored report, listed and grouped by place and year, read from the store once per
 * change of the library (the owner calls `invalidate`), so listing a thousand reports costs
 * no query. A report's figures can be read without building its whole index.
 */
export class Library {
  private all: readonly StoredReport[] | null = null;
  private ids: Map<string, StoredReport> | null = null;
  private groups: readonly PlaceGroup[] | null = null;
  private placeCount: number | null = null;
  private readonly folded = new Map<string, { place: string; title: string }>();

  constructor(private readonly repo: ReportRepository) {}

  /** Forgets what was read: the reports may have changed. */
  invalidate(): void {
    this.all = null;
    this.ids = null;
    this.groups = null;
    this.placeCount = null;
    this.folded.clear();
  }

  /** Every report, newest year first. The same array until the library changes. */
  reports(): readonly StoredReport[] {
    this.all ??= this.repo.list();
    return this.all;
  }

  /** The report about the latest year (ties by id), or null when the library is empty. */
  newest(): StoredReport | null {
    return this.reports()[0] ?? null;
  }

  get(id: string): StoredReport | null {
    this.ids ??= new Map(this.reports().map((r) => [r.id, r]));
    return this.ids.get(id) ?? null;
  }

  /**
   * The reports grouped by place (places in pinyin order, each place's reports oldest
   * first), then one group for each report whose place is not known. The same array until
   * the library changes.
   */
  byPlace(): readonly PlaceGroup[] {
    if (this.groups) return this.groups;
    const places = new Map<string, StoredReport[]>();
    const unplaced: StoredReport[] = [];
    for (const report of this.reports()) {
      const group = report.place === null ? unplaced : places.get(report.place);
      if (group) group.push(report);
      else places.set(report.place as string, [report]);
    }
    const oldestFirst = (a: StoredReport, b: StoredReport) =>
      (a.year ?? 0) - (b.year ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    this.groups = [
      ...[...places]
        .sort(([a], [b]) => byPlaceName(a, b))
        .map(([place, reports]) => ({ place, reports: reports.sort(oldestFirst) })),
      ...unplaced.sort(oldestFirst).map((report) => ({ place: null, reports: [report] })),
    ];
    return this.groups;
  }

  /** How many places the reports are about (reports whose place is not known left out). */
  places(): number {
    this.placeCount ??= this.byPlace().filter((g) => g.place !== null).length;
    return this.placeCount;
  }

  /**
   * The report(s) a user means: an id; or a place, a year, or both (清苑 2021, 2021年
   * 清苑区), a place matching when either name holds the other and, for a report whose
   * place is not known, its title holds the words; or words of a title.
   */
  pick(words: string): Pick {
    const text = normalizeText(words);
    const byId = this.get(text);
    if (byId) return { kind: "one", report: byId };
    const parts = text.split(" ").filter((p) => p !== "");
    const year = parts.map((p) => YEAR.exec(p)?.[1]).find((y) => y !== undefined);
    const place = parts.filter((p) => !YEAR.test(p)).join("");
    let found = this.reports().filter((r) => year === undefined || r.year === Number(year));
    if (place !== "") found = found.filter((r) => this.matchesPlace(r, place));
    if (found.length === 0 && year === undefined) {
      found = this.reports().filter((r) => this.fold(r).title.includes(text));
    }
    if (found.length === 1 && found[0]) return { kind: "one", report: found[0] };
    return found.length === 0 ? { kind: "none" } : { kind: "several", reports: found };
  }

  /** A report's figures with their sentences, read without building its index. */
  figures(id: string): Figure[] {
    return this.repo.figures(id);
  }

  private matchesPlace(report: StoredReport, place: string): boolean {
    const folded = this.fold(report);
    if (report.place === null) return folded.title.includes(place);
    return folded.place.includes(place) || place.includes(folded.place);
  }

  /** A report's place and title folded for matching, once per library change. */
  private fold(report: StoredReport): { place: string; title: string } {
    let folded = this.folded.get(report.id);
    if (!folded) {
      folded = { place: normalizeText(report.place ?? ""), title: normalizeText(report.title) };
      this.folded.set(report.id, folded);
    }
    return folded;
  }
}
