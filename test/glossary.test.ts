/**
 * data/glossary.tsv: the words people use for what reports of this genre count, and the
 * reports' own words. Every entry must be of the genre: its Chinese wording occurs in a
 * real report (the seed or the corpus in test/fixtures/corpus).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GLOSSARY_FILE, Glossary, glossary, parseGlossary } from "../src/query/question/glossary.ts";
import { isUnitWord } from "../src/query/units.ts";
import { normalizeText } from "../src/text/normalize.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const CORPUS = join(import.meta.dirname, "fixtures/corpus");

function reportTexts(): string[] {
  const files = [
    ...readdirSync(SEED_REPORTS).map((f) => join(SEED_REPORTS, f)),
    ...["fazhi", "work-reports", "untitled"].flatMap((d) =>
      readdirSync(join(CORPUS, d)).map((f) => join(CORPUS, d, f)),
    ),
  ];
  return files.filter((f) => f.endsWith(".txt")).map((f) => normalizeText(readFileSync(f, "utf8")));
}

const entries = parseGlossary(readFileSync(GLOSSARY_FILE, "utf8"));

describe("the glossary file", () => {
  it("has a few hundred entries", () => {
    expect(entries.length).toBeGreaterThanOrEqual(200);
    expect(entries.length).toBeLessThanOrEqual(1000);
  });

  it("holds only terms a real report uses: every entry's Chinese side occurs in the seed or the corpus", () => {
    const reports = reportTexts();
    expect(reports.length).toBeGreaterThan(40);
    const unused = entries
      .map((e) => e.zh)
      .filter((zh) => !reports.some((r) => r.includes(normalizeText(zh))));
    expect(unused).toEqual([]);
  });

  it("gives each Chinese form to one entry only", () => {
    const owners = new Map<string, string[]>();
    for (const e of entries) {
      for (const form of [e.zh, ...e.abbreviations, ...e.synonyms].map(normalizeText)) {
        owners.set(form, [...(owners.get(form) ?? []), e.zh]);
      }
    }
    expect([...owners].filter(([, zh]) => zh.length > 1)).toEqual([]);
  });

  it("counts things only in units a figure can have", () => {
    const units = entries.flatMap((e) => e.units);
    expect(units.length).toBeGreaterThan(50);
    expect(units.filter((u) => !isUnitWord(u))).toEqual([]);
  });

  it("finds every English name as its own entry", () => {
    const g = glossary();
    const lost = entries.flatMap((e) =>
      e.en.filter((name) => {
        const hits = g.findEnglish(name);
        return hits.length !== 1 || !hits[0]?.term.anyOf.includes(normalizeText(e.zh));
      }),
    );
    expect(lost).toEqual([]);
  });
});

describe("reading words through the glossary", () => {
  const g = glossary();

  it("reads an abbreviation or a synonym as the report's wording", () => {
    expect(g.termOf("法援")?.text).toBe("法律援助");
    expect(g.termOf("拖欠工资")?.text).toBe("欠薪");
    expect(g.termOf("案子")?.text).toBe("案件");
    expect(g.termOf("社零")?.text).toBe("社会消费品零售总额");
    expect(g.termOf("天气")).toBeNull();
  });

  it("finds the longest term in a Chinese text", () => {
    const hits = g.findChinese("法律援助案件和劳动仲裁申请");
    expect(hits.map((h) => h.term.text)).toEqual(["法律援助案件", "劳动仲裁", "申请"]);
    expect(hits[0]).toMatchObject({ start: 0, end: 6 });
  });

  it("reads English names with plurals, tenses and words in between folded", () => {
    const terms = (text: string) => g.findEnglish(text).map((h) => h.term.text);
    expect(terms("how many legal aid cases")).toEqual(["法律援助案件"]);
    expect(terms("labour arbitration applications were received")).toEqual(["劳动仲裁", "申请", "受理"]);
    expect(terms("how many fish were released")).toEqual(["增殖放流"]);
    expect(terms("what was the gdp")).toEqual(["地区生产总值"]);
  });

  it("lets an English word shared by two entries match either", () => {
    const [review] = g.findEnglish("reviewed");
    expect(review?.term.anyOf).toEqual(expect.arrayContaining(["审核", "审查"]));
  });

  it("parses the file format: a header, comments, | lists and empty columns", () => {
    const parsed = new Glossary(
      parseGlossary(
        "# comment\nzh\ten\tabbr\tsynonyms\tunit\n欠薪\twage arrears|unpaid wages\t\t拖欠工资\t件\n公证\n",
      ),
    );
    expect(parsed.entries).toEqual([
      {
        zh: "欠薪",
        en: ["wage arrears", "unpaid wages"],
        abbreviations: [],
        synonyms: ["拖欠工资"],
        units: ["件"],
      },
      { zh: "公证", en: [], abbreviations: [], synonyms: [], units: [] },
    ]);
    expect(parsed.termOf("拖欠工资")?.units).toEqual(["件"]);
  });
});
