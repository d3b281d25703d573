import type { Figure } from "../report/types.ts";
import type { ReportRepository, StoredReport } from "../store/reports.ts";
import { normalizeText } from "../text/normalize.ts";
import { placeNames, shortPlace } from "./places.ts";

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

/** A year within free text: 2021, 2021年 (not a part of a longer number). */
export const YEAR_IN_TEXT = /(?<!\d)(?:19|20)\d\d(?!\d)/g;

/** Questions whose named report is remembered until the library changes. */
const NAMED_KEPT = 1_000;

/** The reports a question is about by the place (and year) it names: 清苑区2005年财政收入多少. */
export interface NamedReports {
  /** The place's name as the question writes it. */
  name: string;
  /**
   * The place's reports of the year named, newest first. A year in a question may be the
   * report's, the year it reviews or the year it plans for: of that year, else of the year
   * after (which reviews it), else of the year before (which plans it), looked for in the
   * place as named and then under its other kinds (清苑县 for 清苑区). Else, and with no year
   * named, all the place's reports.
   */
  reports: readonly StoredReport[];
}

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
  private readonly namedIn = new Map<string, NamedReports | null>();

  constructor(private readonly repo: ReportRepository) {}

  /** Forgets what was read: the reports may have changed. */
  invalidate(): void {
    this.all = null;
    this.ids = null;
    this.groups = null;
    this.placeCount = null;
    this.folded.clear();
    this.namedIn.clear();
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

  /**
   * The reports a question names by one place of the library and at most one year; null
   * when it names no place, or several (a comparison), or several years.
   */
  named(question: string): NamedReports | null {
    let found = this.namedIn.get(question);
    if (found === undefined) {
      found = this.readNamed(question);
      if (this.namedIn.size >= NAMED_KEPT) this.namedIn.clear();
      this.namedIn.set(question, found);
    }
    return found;
  }

  private readNamed(question: string): NamedReports | null {
    const text = normalizeText(question);
    const known = this.byPlace().flatMap((g) => (g.place === null ? [] : [g.place]));
    const { names } = placeNames(text, known, true);
    const [name, other] = names;
    const years = [...new Set(text.match(YEAR_IN_TEXT) ?? [])].map(Number);
    if (!name || other || years.length > 1) return null;
    const ofPlace = this.reports().filter((r) => r.place !== null && name.places.includes(r.place));
    const year = years[0];
    if (year === undefined) return { name: name.name, reports: ofPlace };
    // The place under its other kinds too: 清苑区 was 清苑县 before 2015.
    const family = new Set(name.places.map(shortPlace));
    const ofFamily = this.reports().filter((r) => r.place !== null && family.has(shortPlace(r.place)));
    for (const reports of [ofPlace, ofFamily]) {
      for (const y of [year, year + 1, year - 1]) {
        const ofYear = reports.filter((r) => r.year === y);
        if (ofYear.length > 0) return { name: name.name, reports: ofYear };
      }
    }
    return { name: name.name, reports: ofPlace };
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
