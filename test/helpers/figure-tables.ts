import type { Figure } from "../../src/report/types.ts";

/** One statistic of a hand-read table (test/fixtures/figure-tables/README.md). */
export interface TableEntry {
  raw: string;
  value: number;
  unit: string;
  kind: "amount" | "change" | "rate" | "target" | "rank";
  label: string;
  accept?: string[];
  section: string;
  sentence: string;
}

/**
 * Text compared without spaces, quote marks, brackets, list commas and note marks (〔6〕,
 * [1], which the parser drops with the glossary they point into), in NFKC form.
 */
export const normalised = (text: string): string =>
  text
    .normalize("NFKC")
    .replace(/〔\s*\d+\s*〕|\[\s*\d+\s*\]|【\s*\d+\s*】/g, "")
    .replace(/[\s“”"「」《》()、]/g, "");

/**
 * A parsed label is readable alone when it says what the hand-read label says: it equals
 * the label or one of the forms the reader accepted for that entry. Nothing looser: a
 * label that merely contains the right noun can still drop a 不 or carry the wrong verb.
 */
export function readableAlone(parsed: string, entry: Pick<TableEntry, "label" | "accept">): boolean {
  const p = normalised(parsed);
  return [entry.label, ...(entry.accept ?? [])].some((form) => normalised(form) === p);
}

// 全省前5名, 前5名 and 5名, 全市第 4 位 and 4位 are the same written figure.
const rawKey = (raw: string): string =>
  normalised(raw).replace(/^(全国|全省|全市|全区|全县|全州)?[前第]/, "");

/** The figure and the entry come from the same sentence (its first characters, either way). */
function sameSentence(figure: Figure, entry: TableEntry): boolean {
  const parsed = normalised(figure.sentence);
  const prefix = normalised(entry.sentence);
  return parsed.includes(prefix.slice(0, 10)) || prefix.includes(parsed.slice(0, 10));
}

export interface Match {
  entry: TableEntry;
  figure: Figure;
}

export interface TableComparison {
  matched: Match[];
  /** Table entries the parser did not find. */
  missed: TableEntry[];
  /** Parsed figures that are not in the table. */
  extra: Figure[];
}

/**
 * Pairs parsed figures with table entries in document order: an entry takes the first
 * parsed figure at or after the last pairing with the same raw, value and unit, in the
 * same sentence.
 */
export function compareWithTable(figures: readonly Figure[], table: readonly TableEntry[]): TableComparison {
  const matched: Match[] = [];
  const missed: TableEntry[] = [];
  const used = new Set<number>();
  let from = 0;
  for (const entry of table) {
    const at = figures.findIndex(
      (f, i) =>
        i >= from &&
        rawKey(f.raw) === rawKey(entry.raw) &&
        f.value === entry.value &&
        f.unit === entry.unit &&
        sameSentence(f, entry),
    );
    if (at < 0) {
      missed.push(entry);
      continue;
    }
    matched.push({ entry, figure: figures[at] as Figure });
    used.add(at);
    from = at + 1;
  }
  return { matched, missed, extra: figures.filter((_, i) => !used.has(i)) };
}

/**
 * The kind the parser gives a figure: its own `kind` once figures carry one, until then
 * what its change field says (a change, else an amount).
 */
export function kindOf(figure: Figure): string {
  if ("kind" in figure && typeof figure.kind === "string") return figure.kind;
  return figure.change ? "change" : "amount";
}
